package dev.coffer.api.post;

import dev.coffer.api.http.ETags;
import dev.coffer.api.server.S3Call;
import dev.coffer.api.xml.PostResponse;
import dev.coffer.api.xml.S3Xml;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;

/**
 * How a successful browser POST answers: a 303 to {@code success_action_redirect} (or the legacy
 * {@code redirect}) with bucket, key and etag in its query; else {@code success_action_status}
 * 200 (empty), 201 (a PostResponse document) or, by default, 204.
 */
final class PostSuccess {
    private PostSuccess() {}

    static Mono<Void> answer(S3Call call, PostForm form, S3Xml xml, String bucket, String key, String etag) {
        String quoted = ETags.quote(etag);
        String location = objectUrl(call, bucket, key);
        HttpHeaders headers = call.responseHeaders();
        headers.set(HttpHeaders.ETAG, quoted);
        headers.set(HttpHeaders.LOCATION, location);
        String redirect = form.get("success_action_redirect");
        if (redirect == null) redirect = form.get("redirect");
        if (isHttpUrl(redirect)) {
            headers.set(HttpHeaders.LOCATION, redirect + (redirect.contains("?") ? "&" : "?") + "bucket=" + encode(bucket)
                    + "&key=" + encode(key) + "&etag=" + encode(quoted));
            return call.empty(HttpStatus.SEE_OTHER);
        }
        String status = form.get("success_action_status");
        if ("201".equals(status)) {
            return call.xml(HttpStatus.CREATED, xml.write(new PostResponse(location, bucket, key, quoted)));
        }
        return call.empty("200".equals(status) ? HttpStatus.OK : HttpStatus.NO_CONTENT);
    }

    /** The object's URL as the client addressed the server: virtual-hosted when it came that way. */
    private static String objectUrl(S3Call call, String bucket, String key) {
        URI uri = call.http().getURI();
        String base = uri.getScheme() + "://" + uri.getRawAuthority() + "/";
        String path = encode(key).replace("%2F", "/");
        return call.s3().virtualHosted() ? base + path : base + encode(bucket) + "/" + path;
    }

    private static boolean isHttpUrl(String value) {
        if (value == null || value.isBlank()) return false;
        try {
            URI uri = new URI(value);
            return uri.isAbsolute() && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

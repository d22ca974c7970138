package dev.coffer.api.ui;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;

/**
 * {@code GET /_coffer/ui/...}: the drive UI's static files (HTML, ES modules, CSS) from the server
 * jar. The folder itself answers with index.html; {@code /_coffer/ui} without the slash is
 * redirected so that the page's relative module URLs resolve. A path with a dot segment (raw or
 * percent-encoded), a backslash or a control character is refused with 404 before any lookup.
 * The UI talks to the server only through the S3 API; this endpoint serves files and nothing else.
 */
public final class DriveUiEndpoint implements HttpHandler {
    public static final String PATH = "/_coffer/ui";

    /**
     * Scripts only from this server; previews load presigned GET URLs (same origin) or blob: URLs;
     * nothing may frame the UI. No inline script or style anywhere in the UI.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' blob: data:; media-src 'self' blob:; frame-src 'self' blob:; connect-src 'self'; "
            + "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final UiAssets assets;

    public DriveUiEndpoint(UiAssets assets) {
        this.assets = assets;
    }

    @Override
    public Mono<Void> handle(ServerHttpRequest request, ServerHttpResponse response) {
        HttpMethod method = request.getMethod();
        HttpHeaders out = response.getHeaders();
        if (!HttpMethod.GET.equals(method) && !HttpMethod.HEAD.equals(method)) {
            out.set(HttpHeaders.ALLOW, "GET, HEAD");
            response.setStatusCode(HttpStatus.METHOD_NOT_ALLOWED);
            return response.setComplete();
        }
        String rawPath = request.getURI().getRawPath();
        if (rawPath.equals(PATH)) {
            out.set(HttpHeaders.LOCATION, PATH + "/");
            response.setStatusCode(HttpStatus.MOVED_PERMANENTLY);
            return response.setComplete();
        }
        Optional<UiAssets.Asset> asset = relativePath(rawPath).flatMap(assets::get);
        if (asset.isEmpty()) {
            out.set(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8");
            response.setStatusCode(HttpStatus.NOT_FOUND);
            return response.writeWith(Mono.fromSupplier(() ->
                    response.bufferFactory().wrap("Not found\n".getBytes(StandardCharsets.UTF_8))));
        }
        UiAssets.Asset a = asset.get();
        out.set(HttpHeaders.CONTENT_TYPE, a.contentType());
        out.setETag(a.etag());
        // Revalidate each time: a new server version must never run against old cached modules.
        out.set(HttpHeaders.CACHE_CONTROL, "no-cache");
        out.set("X-Content-Type-Options", "nosniff");
        out.set("Referrer-Policy", "no-referrer");
        out.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        if (a.etag().equals(request.getHeaders().getFirst(HttpHeaders.IF_NONE_MATCH))) {
            response.setStatusCode(HttpStatus.NOT_MODIFIED);
            return response.setComplete();
        }
        response.setStatusCode(HttpStatus.OK);
        out.setContentLength(a.bytes().length);
        if (HttpMethod.HEAD.equals(method)) {
            return response.setComplete();
        }
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(a.bytes())));
    }

    /**
     * The asset path below /_coffer/ui/ ("" and folders map to index.html), or empty when the path
     * is not one a UI file can have.
     */
    static Optional<String> relativePath(String rawPath) {
        if (!rawPath.startsWith(PATH + "/")) {
            return Optional.empty();
        }
        String rest;
        try {
            rest = URLDecoder.decode(rawPath.substring(PATH.length() + 1).replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (rest.isEmpty() || rest.endsWith("/")) {
            rest = rest + "index.html";
        }
        for (String segment : rest.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return Optional.empty();
            }
        }
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\' || c == ':') {
                return Optional.empty();
            }
        }
        return Optional.of(rest);
    }
}

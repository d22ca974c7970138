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
import tools.jackson.databind.json.JsonMapper;

/**
 * The drive's own server (port {@code coffer.ui.port}): the drive UI's static files (HTML, ES
 * modules, CSS) from the server jar at {@code /}, and {@code /config.json}, which tells the page
 * where the S3 endpoint is and the region requests are signed for ({@code coffer.region}). A path with a dot segment (raw or percent-encoded), a backslash or a
 * control character is refused with 404 before any lookup. Nothing else is served here: no object
 * byte ever comes from this origin, and the page talks to the S3 endpoint cross-origin.
 */
public final class DriveUiEndpoint implements HttpHandler {
    static final String CONFIG_PATH = "/config.json";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final UiAssets assets;
    private final DriveOrigins origins;
    private final String region;

    public DriveUiEndpoint(UiAssets assets, DriveOrigins origins, String region) {
        this.assets = assets;
        this.origins = origins;
        this.region = region;
    }

    /** What config.json says: the S3 endpoint's origin as this browser reaches it, and the region. */
    record PageConfig(String s3Endpoint, String region) {}

    /**
     * Scripts and styles only from this origin, no inline script or style anywhere in the UI; the
     * page calls the S3 endpoint and shows previews from it (presigned URLs) or from blob: URLs;
     * nothing may frame the UI.
     */
    static String contentSecurityPolicy(String s3) {
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: data: " + s3
                + "; media-src 'self' blob: " + s3 + "; frame-src blob: " + s3 + "; connect-src 'self' " + s3
                + "; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    }

    @Override
    public Mono<Void> handle(ServerHttpRequest request, ServerHttpResponse response) {
        HttpMethod method = request.getMethod();
        HttpHeaders out = response.getHeaders();
        out.set(HttpHeaders.SERVER, "Coffer");
        out.set("X-Content-Type-Options", "nosniff");
        out.set("Referrer-Policy", "no-referrer");
        // No window of another origin keeps a handle on the drive's window, nor the drive on its.
        out.set("Cross-Origin-Opener-Policy", "same-origin");
        out.set("Cross-Origin-Resource-Policy", "same-origin");
        if (!HttpMethod.GET.equals(method) && !HttpMethod.HEAD.equals(method)) {
            out.set(HttpHeaders.ALLOW, "GET, HEAD");
            response.setStatusCode(HttpStatus.METHOD_NOT_ALLOWED);
            return response.setComplete();
        }
        String rawPath = request.getURI().getRawPath();
        if (rawPath.equals(CONFIG_PATH)) {
            byte[] json = (JSON.writeValueAsString(new PageConfig(origins.s3Endpoint(request), region)) + "\n")
                    .getBytes(StandardCharsets.UTF_8);
            out.set(HttpHeaders.CACHE_CONTROL, "no-store");
            return send(request, response, new UiAssets.Asset(json, UiAssets.contentType(CONFIG_PATH), ""));
        }
        Optional<UiAssets.Asset> asset = relativePath(rawPath).flatMap(assets::get);
        if (asset.isEmpty()) {
            out.set(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8");
            response.setStatusCode(HttpStatus.NOT_FOUND);
            return response.writeWith(Mono.fromSupplier(() ->
                    response.bufferFactory().wrap("Not found\n".getBytes(StandardCharsets.UTF_8))));
        }
        UiAssets.Asset a = asset.get();
        out.setETag(a.etag());
        // Revalidate each time: a new server version must never run against old cached modules.
        out.set(HttpHeaders.CACHE_CONTROL, "no-cache");
        out.set("Content-Security-Policy", contentSecurityPolicy(origins.s3Endpoint(request)));
        if (a.etag().equals(request.getHeaders().getFirst(HttpHeaders.IF_NONE_MATCH))) {
            response.setStatusCode(HttpStatus.NOT_MODIFIED);
            return response.setComplete();
        }
        return send(request, response, a);
    }

    private static Mono<Void> send(ServerHttpRequest request, ServerHttpResponse response, UiAssets.Asset a) {
        response.getHeaders().set(HttpHeaders.CONTENT_TYPE, a.contentType());
        response.setStatusCode(HttpStatus.OK);
        response.getHeaders().setContentLength(a.bytes().length);
        if (HttpMethod.HEAD.equals(request.getMethod())) {
            return response.setComplete();
        }
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(a.bytes())));
    }

    /**
     * The asset path ("" and folders map to index.html), or empty when the path is not one a UI
     * file can have.
     */
    static Optional<String> relativePath(String rawPath) {
        if (!rawPath.startsWith("/")) {
            return Optional.empty();
        }
        String rest;
        try {
            rest = URLDecoder.decode(rawPath.substring(1).replace("+", "%2B"), StandardCharsets.UTF_8);
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

package dev.coffer.api.ui;

import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;

/**
 * A person who opens the S3 port in a browser gets the drive rather than an AccessDenied document:
 * {@code GET /} that accepts HTML and carries no S3 credentials (no Authorization header, no
 * presigned query) is answered 307 to the drive's own origin (see {@link DriveOrigins}). Every S3
 * client signs its ListBuckets call, so none of them is ever redirected. The drive's old address
 * on the S3 port, {@code /_coffer/ui/}, is sent there too; the S3 port serves no page of the drive.
 */
public final class BrowserRedirect {
    /** Where the drive used to be served on the S3 port. */
    public static final String OLD_PATH = "/_coffer/ui";

    private final DriveOrigins origins;

    public BrowserRedirect(DriveOrigins origins) {
        this.origins = origins;
    }

    /** A browser's plain GET of {@code /}, while the drive is served. */
    public boolean applies(ServerHttpRequest request) {
        if (!origins.driveEnabled() || !"GET".equals(request.getMethod().name()) || !"/".equals(request.getURI().getRawPath())) {
            return false;
        }
        String query = request.getURI().getRawQuery();
        if (query != null && !query.isEmpty()) {
            return false;
        }
        HttpHeaders headers = request.getHeaders();
        if (headers.containsHeader(HttpHeaders.AUTHORIZATION)) {
            return false;
        }
        List<String> accept = headers.getOrEmpty(HttpHeaders.ACCEPT);
        return accept.stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("text/html"));
    }

    /** The old drive path on the S3 port: any request goes to the drive. (Not a bean-level HttpHandler: one per context.) */
    public Mono<Void> handleOldPath(ServerHttpRequest request, ServerHttpResponse response) {
        if (!origins.driveEnabled()) {
            response.setStatusCode(HttpStatus.NOT_FOUND);
            return response.setComplete();
        }
        return send(request, response);
    }

    public Mono<Void> send(ServerHttpRequest request, ServerHttpResponse response) {
        response.setStatusCode(HttpStatus.TEMPORARY_REDIRECT);
        response.getHeaders().set(HttpHeaders.LOCATION, origins.driveUrl(request));
        response.getHeaders().set(HttpHeaders.CACHE_CONTROL, "no-store");
        return response.setComplete();
    }
}

package dev.coffer.api.ui;

import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;

/**
 * A person who opens the server's address in a browser gets the drive UI rather than an
 * AccessDenied document: {@code GET /} that accepts HTML and carries no S3 credentials (no
 * Authorization header, no presigned query) is answered 307 to /_coffer/ui/. Every S3 client
 * signs its ListBuckets call, so none of them is ever redirected.
 */
public final class BrowserRedirect {
    private BrowserRedirect() {}

    public static boolean applies(ServerHttpRequest request) {
        if (!"GET".equals(request.getMethod().name()) || !"/".equals(request.getURI().getRawPath())) {
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

    public static Mono<Void> send(ServerHttpResponse response) {
        response.setStatusCode(HttpStatus.TEMPORARY_REDIRECT);
        response.getHeaders().set(HttpHeaders.LOCATION, DriveUiEndpoint.PATH + "/");
        response.getHeaders().set(HttpHeaders.CACHE_CONTROL, "no-store");
        return response.setComplete();
    }
}

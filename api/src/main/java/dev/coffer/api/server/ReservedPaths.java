package dev.coffer.api.server;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;

/**
 * Coffer's own endpoints under {@code /_coffer/} (drive UI, health, metrics, admin). Bucket names
 * cannot start with '_', so these paths never collide with S3. Each endpoint owns a path prefix;
 * the longest matching prefix wins; anything else under /_coffer/ is a plain 404.
 */
public final class ReservedPaths {
    public static final String ROOT = "/_coffer";

    /** One endpoint: requests whose path starts with {@code prefix} (e.g. "/_coffer/health"). */
    public record Endpoint(String prefix, HttpHandler handler) {}

    private final List<Endpoint> endpoints;

    public ReservedPaths(List<Endpoint> endpoints) {
        List<Endpoint> sorted = new ArrayList<>(endpoints);
        sorted.sort(Comparator.comparingInt((Endpoint e) -> e.prefix().length()).reversed());
        this.endpoints = List.copyOf(sorted);
    }

    public static boolean isReserved(String rawPath) {
        return rawPath.equals(ROOT) || rawPath.startsWith(ROOT + "/");
    }

    public Mono<Void> handle(ServerHttpRequest request, ServerHttpResponse response) {
        String path = request.getURI().getRawPath();
        for (Endpoint e : endpoints) {
            if (path.equals(e.prefix()) || path.startsWith(e.prefix().endsWith("/") ? e.prefix() : e.prefix() + "/")) {
                return e.handler().handle(request, response);
            }
        }
        response.setStatusCode(HttpStatus.NOT_FOUND);
        return response.setComplete();
    }
}

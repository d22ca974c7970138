package dev.coffer.api.ops;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code GET /_coffer/metrics}: the Prometheus text format. Open when no token is configured;
 * with {@code coffer.metrics.token} a scrape must send {@code Authorization: Bearer <token>}
 * (Prometheus: {@code authorization: {credentials: ...}}), as Garage does for its metrics. Never
 * S3 credentials: a scraper should not hold a key that can read objects.
 */
public final class MetricsEndpoint implements HttpHandler {
    public static final String PATH = "/_coffer/metrics";
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;
    private final byte[] token;

    public MetricsEndpoint(PrometheusMeterRegistry registry, String token) {
        this.registry = registry;
        this.token = token == null || token.isBlank() ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Mono<Void> handle(ServerHttpRequest request, ServerHttpResponse response) {
        if (!OpsResponses.isGetOrHead(request)) {
            return OpsResponses.methodNotAllowed(response);
        }
        if (!authorized(request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION))) {
            response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"coffer-metrics\"");
            return OpsResponses.text(request, response, HttpStatus.UNAUTHORIZED, "text/plain; charset=utf-8",
                    "metrics require Authorization: Bearer <coffer.metrics.token>\n");
        }
        // Scraping reads JVM MXBeans and walks every meter: keep it off the event loop.
        return Mono.fromCallable(registry::scrape)
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(text -> OpsResponses.text(request, response, HttpStatus.OK, CONTENT_TYPE, text));
    }

    boolean authorized(String authorization) {
        if (token == null) {
            return true;
        }
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] sent = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(sent, token);
    }
}

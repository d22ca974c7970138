package dev.coffer.api.ops;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.function.Predicate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code GET /_coffer/metrics} (and any path below it): the Prometheus text format, for a scrape
 * that sends {@code Authorization: Bearer <token>} ({@link MetricsToken}; Prometheus:
 * {@code authorization: {credentials_file: ...}}), as Garage does for its metrics, or for a request
 * signed by the root key. A scraper should not need a key that can read objects, hence the token.
 * Open to all only with {@code coffer.metrics.public=true}.
 */
public final class MetricsEndpoint implements HttpHandler {
    public static final String PATH = "/_coffer/metrics";
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;
    private final byte[] token;
    private final Predicate<ServerHttpRequest> signedByRoot;

    /**
     * @param token the bearer token, or null when the metrics are public
     * @param signedByRoot whether a request is signed by the root key
     */
    public MetricsEndpoint(PrometheusMeterRegistry registry, String token, Predicate<ServerHttpRequest> signedByRoot) {
        this.registry = registry;
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
        this.signedByRoot = signedByRoot;
    }

    @Override
    public Mono<Void> handle(ServerHttpRequest request, ServerHttpResponse response) {
        if (!OpsResponses.isGetOrHead(request)) {
            return OpsResponses.methodNotAllowed(response);
        }
        if (!bearerMatches(request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION)) && !signedByRoot.test(request)) {
            response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"coffer-metrics\"");
            return OpsResponses.text(request, response, HttpStatus.UNAUTHORIZED, "text/plain; charset=utf-8",
                    "metrics require Authorization: Bearer <the token in the data directory's " + MetricsToken.FILE_NAME
                            + "> or a request signed by the root key\n");
        }
        // Scraping reads JVM MXBeans and walks every meter: keep it off the event loop.
        return Mono.fromCallable(registry::scrape)
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(text -> OpsResponses.text(request, response, HttpStatus.OK, CONTENT_TYPE, text));
    }

    /** True when the metrics are public or {@code authorization} carries the token. */
    boolean bearerMatches(String authorization) {
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

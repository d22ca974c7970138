package dev.coffer.api.cors;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;

/**
 * Bucket CORS on an actual request (any method but OPTIONS) that carries an {@code Origin}: when
 * the bucket's first matching rule allows it, the response carries that rule's Access-Control-*
 * headers, whatever its status — errors, anonymous and presigned requests included, since the
 * headers are added just before the response's headers go out. As in S3, the rule is chosen by
 * the {@code Access-Control-Request-Method} header when one is sent, else by the request's method,
 * and by any {@code Access-Control-Request-Headers}; the request's real headers are not checked,
 * and a request no rule allows is served as it would be without CORS, with no CORS header.
 */
public final class BucketCors {
    private static final Logger log = LoggerFactory.getLogger(BucketCors.class);

    private final CorsStore store;

    public BucketCors(CorsStore store) {
        this.store = store;
    }

    /** Arranges for the response to {@code request} on {@code bucket} to carry the bucket's CORS answer. */
    public void decorate(String bucket, ServerHttpRequest request, ServerHttpResponse response) {
        HttpHeaders in = request.getHeaders();
        String origin = in.getOrigin();
        if (origin == null || bucket == null) return;
        String asked = in.getFirst(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD);
        String method = asked != null ? asked : request.getMethod().name();
        List<String> requested = CorsHeaders.requestedHeaders(in);
        response.beforeCommit(() -> store.find(bucket)
                .doOnNext(config -> config.flatMap(c -> c.firstMatch(origin, method, requested))
                        .ifPresent(rule -> CorsHeaders.write(response.getHeaders(), rule, origin, requested)))
                .onErrorResume(e -> {
                    // The answer itself must still go out; without CORS headers the browser refuses it.
                    log.warn("CORS configuration of bucket {} could not be read", bucket, e);
                    return Mono.empty();
                })
                .then());
    }
}

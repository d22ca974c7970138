package dev.coffer.api.ops;

import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;

/**
 * {@code GET /_coffer/health}: {@code {"status":"ready","live":true,"ready":true}} with 200 when
 * ready, 503 otherwise. Open to all (load balancers and container health checks hold no S3
 * credentials); it tells nothing but the state.
 */
public final class HealthEndpoint implements HttpHandler {
    public static final String PATH = "/_coffer/health";

    private final Readiness readiness;

    public HealthEndpoint(Readiness readiness) {
        this.readiness = readiness;
    }

    @Override
    public Mono<Void> handle(ServerHttpRequest request, ServerHttpResponse response) {
        if (!OpsResponses.isGetOrHead(request)) {
            return OpsResponses.methodNotAllowed(response);
        }
        Readiness.State state = readiness.state();
        boolean ready = state == Readiness.State.READY;
        String body = "{\"status\":\"" + state.name().toLowerCase(Locale.ROOT) + "\",\"live\":true,\"ready\":" + ready + "}\n";
        return OpsResponses.text(request, response, ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE,
                "application/json", body);
    }
}

package dev.coffer.api.cluster;

import dev.coffer.metadata.Catalog;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Marks cluster nodes draining, for requests signed by the root key only: a draining node
 * receives no new chunk replicas (it still serves the ones it holds). The mark is a catalogue
 * command (kind 70), so every node places by it.
 *
 * <pre>
 * GET    /_coffer/cluster/draining        {"draining":["n2"]}
 * PUT    /_coffer/cluster/draining/{id}   mark node id draining
 * DELETE /_coffer/cluster/draining/{id}   clear the mark
 * </pre>
 *
 * On a single node every path answers 404.
 */
final class DrainingEndpoint implements HttpHandler {
    static final String PATH = "/_coffer/cluster/draining";

    private final Catalog catalog;
    private final boolean clustered;
    private final Predicate<ServerHttpRequest> signedByRoot;

    DrainingEndpoint(Catalog catalog, boolean clustered, Predicate<ServerHttpRequest> signedByRoot) {
        this.catalog = catalog;
        this.clustered = clustered;
        this.signedByRoot = signedByRoot;
    }

    @Override
    public Mono<Void> handle(ServerHttpRequest request, ServerHttpResponse response) {
        if (!clustered) return reply(response, HttpStatus.NOT_FOUND, "{\"error\":\"this node is not part of a cluster\"}");
        if (!signedByRoot.test(request)) {
            return reply(response, HttpStatus.FORBIDDEN, "{\"error\":\"sign the request with the root key\"}");
        }
        String path = request.getURI().getRawPath();
        HttpMethod method = request.getMethod();
        if (path.equals(PATH) && HttpMethod.GET.equals(method)) return blocking(response, () -> { });
        String id = path.startsWith(PATH + "/") ? path.substring(PATH.length() + 1) : "";
        if (!id.matches("[A-Za-z0-9_-]+")) return reply(response, HttpStatus.NOT_FOUND, "{\"error\":\"no such path\"}");
        if (HttpMethod.PUT.equals(method)) return blocking(response, () -> catalog.drainingNodes().set(id, true));
        if (HttpMethod.DELETE.equals(method)) return blocking(response, () -> catalog.drainingNodes().set(id, false));
        return reply(response, HttpStatus.METHOD_NOT_ALLOWED, "{\"error\":\"GET, PUT or DELETE\"}");
    }

    /** The change (a Raft round) then the list, off the event loop. */
    private Mono<Void> blocking(ServerHttpResponse response, Runnable change) {
        return Mono.fromCallable(() -> {
                    change.run();
                    return "{\"draining\":[" + catalog.drainingNodes().all().stream().map(n -> "\"" + n + "\"")
                            .collect(Collectors.joining(",")) + "]}\n";
                })
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(body -> reply(response, HttpStatus.OK, body))
                .onErrorResume(e -> reply(response, HttpStatus.SERVICE_UNAVAILABLE,
                        "{\"error\":\"the cluster did not commit the change\"}"));
    }

    private static Mono<Void> reply(ServerHttpResponse response, HttpStatus status, String body) {
        return dev.coffer.api.ops.OpsResponses.json(response, status, body);
    }
}

package dev.coffer.api.cluster;

import dev.coffer.cluster.ClusterNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The cluster's admin endpoint, for requests signed by the root key only:
 *
 * <pre>
 * GET    /_coffer/cluster                                   this node's view, as JSON
 * PUT    /_coffer/cluster/members/{id}?address=host:port    add a member (started with coffer.cluster.join=true)
 * DELETE /_coffer/cluster/members/{id}                      remove a member
 * </pre>
 *
 * The view: {@code {"node":"n1","leader":"n2","applied":42,"members":{"n1":"127.0.0.1:9870",…}}};
 * {@code leader} is null while this node knows none. Membership changes go through Ratis's admin
 * API and return once the group committed the new configuration. On a single node every path
 * answers 404 (there is no cluster).
 */
public final class ClusterEndpoint implements HttpHandler {
    public static final String PATH = "/_coffer/cluster";
    private static final String MEMBERS = PATH + "/members/";

    private final ClusterRuntime runtime;
    private final Predicate<ServerHttpRequest> signedByRoot;

    public ClusterEndpoint(ClusterRuntime runtime, Predicate<ServerHttpRequest> signedByRoot) {
        this.runtime = runtime;
        this.signedByRoot = signedByRoot;
    }

    @Override
    public Mono<Void> handle(ServerHttpRequest request, ServerHttpResponse response) {
        if (runtime.node().isEmpty()) {
            return reply(response, HttpStatus.NOT_FOUND, "{\"error\":\"this node is not part of a cluster\"}");
        }
        if (!signedByRoot.test(request)) {
            return reply(response, HttpStatus.FORBIDDEN, "{\"error\":\"sign the request with the root key\"}");
        }
        ClusterNode node = runtime.node().get();
        String path = request.getURI().getRawPath();
        HttpMethod method = request.getMethod();
        if (path.equals(PATH) && (HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method))) {
            return blocking(response, () -> view(node));
        }
        if (path.startsWith(MEMBERS) && path.length() > MEMBERS.length()) {
            String id = path.substring(MEMBERS.length());
            if (HttpMethod.PUT.equals(method)) {
                String address = request.getQueryParams().getFirst("address");
                if (address == null || address.isBlank()) {
                    return reply(response, HttpStatus.BAD_REQUEST, "{\"error\":\"address=host:port is required\"}");
                }
                return blocking(response, () -> {
                    node.addMember(id, address);
                    return view(node);
                });
            }
            if (HttpMethod.DELETE.equals(method)) {
                return blocking(response, () -> {
                    node.removeMember(id);
                    return view(node);
                });
            }
        }
        return reply(response, HttpStatus.NOT_FOUND, "{\"error\":\"no such cluster endpoint\"}");
    }

    private interface Call {
        String run() throws Exception;
    }

    /** Ratis's admin calls block until the group commits: off the event loop. */
    private static Mono<Void> blocking(ServerHttpResponse response, Call call) {
        return Mono.fromCallable(call::run)
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(body -> reply(response, HttpStatus.OK, body))
                .onErrorResume(e -> reply(response, e instanceof IllegalArgumentException
                        ? HttpStatus.BAD_REQUEST : HttpStatus.SERVICE_UNAVAILABLE,
                        "{\"error\":" + quote(String.valueOf(e.getMessage())) + "}"));
    }

    static String view(ClusterNode node) throws java.io.IOException {
        Map<String, String> members = node.members();
        return "{\"node\":" + quote(node.nodeId())
                + ",\"leader\":" + node.leader().map(ClusterEndpoint::quote).orElse("null")
                + ",\"applied\":" + node.applied().index()
                + ",\"members\":{" + members.entrySet().stream()
                        .map(e -> quote(e.getKey()) + ":" + quote(e.getValue())).collect(Collectors.joining(","))
                + "}}\n";
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') out.append('\\').append(c);
            else if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
            else out.append(c);
        }
        return out.append('"').toString();
    }

    private static Mono<Void> reply(ServerHttpResponse response, HttpStatus status, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setStatusCode(status);
        HttpHeaders h = response.getHeaders();
        h.set(HttpHeaders.CONTENT_TYPE, "application/json");
        h.set(HttpHeaders.CACHE_CONTROL, "no-store");
        h.setContentLength(bytes.length);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
    }
}

package dev.coffer.api.ops;

import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code GET /_coffer/health}: {@code {"status":"ready","live":true,"ready":true}} with 200 when
 * ready, 503 otherwise. Open to all (load balancers and container health checks hold no S3
 * credentials); it tells nothing but the state. A background job kind whose last passes all failed
 * ({@code JobRunner.failingKinds}) is named in {@code "failingJobs":["scrub"]}, present only then;
 * the status stays as it is, since the node still serves requests. Likewise a storage problem
 * ({@link StoreHealth}: disk full, catalogue refusing changes, a damaged catalogue file) is told in
 * {@code "problems":["…"]}, present only then: reads, listings and deletes go on meanwhile. On a
 * cluster node, a {@code "cluster"} object tells its Raft role, term, indexes and peers
 * ({@code ClusterHealth}), and a node that knows no leader or lost a peer says so in the problems.
 */
public final class HealthEndpoint implements HttpHandler {
    public static final String PATH = "/_coffer/health";

    private final Readiness readiness;
    private final Supplier<List<String>> failingJobs;
    private final Supplier<List<String>> problems;
    private final Supplier<String> more;

    public HealthEndpoint(Readiness readiness) {
        this(readiness, List::of);
    }

    public HealthEndpoint(Readiness readiness, Supplier<List<String>> failingJobs) {
        this(readiness, failingJobs, List::of);
    }

    /** @param problems storage problems, in words; blocking, so called off the event loop */
    public HealthEndpoint(Readiness readiness, Supplier<List<String>> failingJobs, Supplier<List<String>> problems) {
        this(readiness, failingJobs, problems, () -> "");
    }

    /** @param more more members of the document ({@code ,"cluster":{…}}), or "" */
    public HealthEndpoint(Readiness readiness, Supplier<List<String>> failingJobs, Supplier<List<String>> problems,
                          Supplier<String> more) {
        this.readiness = readiness;
        this.failingJobs = failingJobs;
        this.problems = problems;
        this.more = more;
    }

    @Override
    public Mono<Void> handle(ServerHttpRequest request, ServerHttpResponse response) {
        if (!OpsResponses.isGetOrHead(request)) {
            return OpsResponses.methodNotAllowed(response);
        }
        Readiness.State state = readiness.state();
        boolean ready = state == Readiness.State.READY;
        return Mono.fromCallable(() -> problems(problems.get()) + more.get()).subscribeOn(Schedulers.boundedElastic()).flatMap(found -> {
            String body = "{\"status\":\"" + state.name().toLowerCase(Locale.ROOT) + "\",\"live\":true,\"ready\":" + ready
                    + failing() + found + "}\n";
            return OpsResponses.text(request, response, ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE,
                    "application/json", body);
        });
    }

    private static String problems(List<String> found) {
        return found.isEmpty() ? "" : found.stream().map(OpsResponses::jsonString)
                .collect(Collectors.joining(",", ",\"problems\":[", "]"));
    }

    /** Job kinds are names chosen in code ([a-z]+), so they need no JSON escaping. */
    private String failing() {
        List<String> kinds = failingJobs.get();
        return kinds.isEmpty() ? "" : kinds.stream().map(k -> "\"" + k + "\"")
                .collect(Collectors.joining(",", ",\"failingJobs\":[", "]"));
    }
}

package dev.coffer.api.ops;

import dev.coffer.api.jobs.JobStatus;
import dev.coffer.cluster.ClusterNode;
import dev.coffer.metadata.CatalogStats;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The storage overview of the drive's admin console, {@code GET /_coffer/admin/overview}: for the
 * server's root and for the users of its account whose policies allow {@code admin:ServerInfo}
 * ({@link dev.coffer.api.authz.AdminAccess}); anyone else gets {@code 403 AccessDenied}.
 *
 * <p>Its figures are {@link StoredStats}' last full count of the catalogue (objects, bytes, old
 * versions, delete markers, unfinished multipart uploads and their parts' bytes, GC backlog),
 * made every {@code coffer.metrics.stats-interval} ({@code recountSeconds}, for the console to say
 * in words), with the time it was made: a request costs no scan. {@code ?recount} asks for a
 * count now; callers meanwhile share the one scan in flight.
 * Jobs are the job runner's figures (those of {@code coffer_jobs_*}); in a cluster, the members as
 * this node knows them and, on the leader, how long ago each follower last answered.
 */
public final class OverviewEndpoint implements HttpHandler {
    public static final String PATH = "/_coffer/admin/overview";
    private static final String JSON = "application/json";

    /** What the overview reads; a seam for the unit test. */
    public interface Sources {
        CatalogStats stats();

        long countedAtMillis();

        /** How often the server recounts on its own. */
        Duration recountInterval();

        Mono<CatalogStats> recount();

        List<JobStatus> jobs();

        List<String> problems();

        Optional<ClusterNode> cluster();
    }

    private final Sources sources;
    private final Function<ServerHttpRequest, Optional<String>> refusal;

    /** @param refusal the AccessDenied message for a request that may not read the overview; empty when it may */
    public OverviewEndpoint(Sources sources, Function<ServerHttpRequest, Optional<String>> refusal) {
        this.sources = sources;
        this.refusal = refusal;
    }

    /** The sources of a running server. */
    public static Sources sources(StoredStats stats, Supplier<List<JobStatus>> jobs, StoreHealth store,
                                  Supplier<Optional<ClusterNode>> cluster) {
        return new Sources() {
            public CatalogStats stats() { return stats.last(); }
            public long countedAtMillis() { return stats.countedAtMillis(); }
            public Duration recountInterval() { return stats.interval(); }
            public Mono<CatalogStats> recount() { return stats.recount(); }
            public List<JobStatus> jobs() { return jobs.get(); }
            public List<String> problems() { return store.problems(); }
            public Optional<ClusterNode> cluster() { return cluster.get(); }
        };
    }

    @Override
    public Mono<Void> handle(ServerHttpRequest request, ServerHttpResponse response) {
        Optional<String> refused = refusal.apply(request);
        if (refused.isPresent()) {
            return OpsResponses.text(request, response, HttpStatus.FORBIDDEN, JSON, "{\"error\":\"AccessDenied\",\"message\":"
                    + OpsResponses.jsonString(refused.get()) + "}\n");
        }
        if (!request.getURI().getRawPath().equals(PATH)) {
            return OpsResponses.text(request, response, HttpStatus.NOT_FOUND, JSON,
                    "{\"error\":\"NotFound\",\"message\":\"Try GET " + PATH + ".\"}\n");
        }
        if (!OpsResponses.isGetOrHead(request)) {
            return OpsResponses.methodNotAllowed(response);
        }
        boolean recount = request.getQueryParams().containsKey("recount");
        Mono<CatalogStats> counted = recount ? sources.recount() : Mono.fromSupplier(sources::stats);
        // Jobs' backlogs and the store's problems may read the catalogue and the disk: off the event loop.
        return counted.publishOn(Schedulers.boundedElastic())
                .map(stats -> render(stats, sources.countedAtMillis(), sources.recountInterval(), sources.jobs(), sources.problems(), clusterView()))
                .flatMap(body -> OpsResponses.text(request, response, HttpStatus.OK, JSON, body));
    }

    private String clusterView() {
        Optional<ClusterNode> node = sources.cluster();
        if (node.isEmpty()) return null;
        try {
            return cluster(node.get().nodeId(), node.get().leader().orElse(null), node.get().applied().index(),
                    node.get().members(), node.get().followersLastContactMillis());
        } catch (IOException e) {
            return "{\"error\":" + OpsResponses.jsonString(String.valueOf(e.getMessage())) + "}";
        }
    }

    static String cluster(String self, String leader, long applied, Map<String, String> members, Map<String, Long> lastContact) {
        StringBuilder b = new StringBuilder("{\"node\":").append(OpsResponses.jsonString(self))
                .append(",\"leader\":").append(leader == null ? "null" : OpsResponses.jsonString(leader))
                .append(",\"applied\":").append(applied).append(",\"members\":[");
        boolean first = true;
        for (Map.Entry<String, String> m : members.entrySet()) {
            if (!first) b.append(',');
            first = false;
            String id = m.getKey();
            b.append("{\"id\":").append(OpsResponses.jsonString(id)).append(",\"address\":").append(OpsResponses.jsonString(m.getValue()))
                    .append(",\"role\":").append(OpsResponses.jsonString(id.equals(leader) ? "leader" : "follower"))
                    .append(",\"self\":").append(id.equals(self));
            Long contact = lastContact.get(id);
            if (contact != null) b.append(",\"lastContactMillis\":").append(contact);
            b.append('}');
        }
        return b.append("]}").toString();
    }

    static String render(CatalogStats s, long countedAtMillis, Duration recountInterval, List<JobStatus> jobs, List<String> problems,
                         String cluster) {
        StringBuilder b = new StringBuilder("{\"countedAt\":")
                .append(countedAtMillis == 0 ? "null" : OpsResponses.jsonString(Instant.ofEpochMilli(countedAtMillis).toString()))
                .append(",\"recountSeconds\":").append(recountInterval.toSeconds())
                .append(",\"objects\":").append(s.objects())
                .append(",\"bytes\":").append(s.bytes())
                .append(",\"versions\":").append(s.versions())
                .append(",\"versionBytes\":").append(s.versionBytes())
                .append(",\"deleteMarkers\":").append(s.deleteMarkers())
                .append(",\"uploads\":").append(s.uploads())
                .append(",\"uploadBytes\":").append(s.uploadBytes())
                .append(",\"totalBytes\":").append(s.allBytes())
                .append(",\"gcBacklogChunks\":").append(s.gcBacklog())
                .append(",\"problems\":[");
        for (int i = 0; i < problems.size(); i++) {
            b.append(i > 0 ? "," : "").append(OpsResponses.jsonString(problems.get(i)));
        }
        b.append("],\"jobs\":[");
        for (int i = 0; i < jobs.size(); i++) {
            JobStatus j = jobs.get(i);
            b.append(i > 0 ? "," : "").append("{\"kind\":").append(OpsResponses.jsonString(j.kind()))
                    .append(",\"backlog\":").append(j.backlog())
                    .append(",\"done\":").append(j.done())
                    .append(",\"failedPasses\":").append(j.failedPasses())
                    .append(",\"consecutiveFailures\":").append(j.consecutiveFailures())
                    .append(",\"lastRun\":").append(j.lastRunEpochSeconds() == 0 ? "null"
                            : OpsResponses.jsonString(Instant.ofEpochMilli((long) (j.lastRunEpochSeconds() * 1000)).toString()))
                    .append(",\"lastDurationSeconds\":").append(j.lastDurationSeconds())
                    .append(",\"runsHere\":").append(j.runsHere()).append('}');
        }
        return b.append("],\"cluster\":").append(cluster == null ? "null" : cluster).append("}\n").toString();
    }
}

package dev.coffer.api.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.api.jobs.JobStatus;
import dev.coffer.api.service.BlockingIo;
import dev.coffer.cluster.ClusterNode;
import dev.coffer.metadata.BucketRecord;
import dev.coffer.metadata.Catalog;
import dev.coffer.metadata.CatalogStats;
import dev.coffer.metadata.ObjectRecord;
import dev.coffer.metadata.WriteCondition;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import reactor.core.publisher.Mono;

class OverviewEndpointTest {
    @TempDir
    Path dir;

    Catalog catalog;
    BlockingIo io;
    StoredStats stats;
    final List<JobStatus> jobs = List.of(new JobStatus("gc", 3, 10, 1, 0, 1_700_000_000.5, 0.25, true));

    @BeforeEach
    void open() {
        catalog = Catalog.open(dir, false);
        io = new BlockingIo(1);
        stats = new StoredStats(catalog, io, Duration.ofHours(1), new SimpleMeterRegistry());
        catalog.createBucket(new BucketRecord("b", 1, "us-east-1", "o"));
    }

    @AfterEach
    void close() {
        io.close();
        catalog.close();
    }

    private void put(String key, String body) {
        catalog.putObject("b", key, ObjectRecord.ofBody(body.length(), "e", 1, Map.of(), Map.of(), Map.of(),
                body.getBytes(), List.of()), WriteCondition.NONE);
    }

    private MockServerHttpResponse get(boolean root, String query) {
        OverviewEndpoint endpoint = new OverviewEndpoint(new OverviewEndpoint.Sources() {
            public CatalogStats stats() { return stats.last(); }
            public long countedAtMillis() { return stats.countedAtMillis(); }
            public Duration recountInterval() { return stats.interval(); }
            public Mono<CatalogStats> recount() { return stats.recount(); }
            public List<JobStatus> jobs() { return jobs; }
            public List<String> problems() { return List.of("the disk is \"full\""); }
            public Optional<ClusterNode> cluster() { return Optional.empty(); }
        }, request -> root ? Optional.empty()
                : Optional.of("User: arn:aws:iam::123456789012:user/bob is not authorized to perform: admin:ServerInfo"));
        MockServerHttpResponse response = new MockServerHttpResponse();
        endpoint.handle(MockServerHttpRequest.get(OverviewEndpoint.PATH + query).build(), response).block();
        return response;
    }

    @Test
    void onlyTheRootSeesTheOverview() {
        MockServerHttpResponse response = get(false, "");
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(response.getBodyAsString().block()).contains("\"error\":\"AccessDenied\"")
                .contains("is not authorized to perform: admin:ServerInfo");
    }

    @Test
    void aPlainRequestAnswersTheLastCountWithoutScanning() {
        put("k", "hello");
        String body = get(true, "").getBodyAsString().block();
        assertThat(body).startsWith("{\"countedAt\":null,\"recountSeconds\":3600,\"objects\":0,\"bytes\":0,");
    }

    @Test
    void recountCountsNowAndTellsWhen() {
        put("k", "hello");
        put("k2", "hi");
        MockServerHttpResponse response = get(true, "?recount");
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getHeaders().getFirst("Cache-Control")).isEqualTo("no-store");
        String body = response.getBodyAsString().block();
        assertThat(body).contains("\"objects\":2,\"bytes\":7,\"versions\":0,\"versionBytes\":0,\"deleteMarkers\":0,"
                        + "\"uploads\":0,\"uploadBytes\":0,\"totalBytes\":7,\"gcBacklogChunks\":0")
                .contains("\"problems\":[\"the disk is \\\"full\\\"\"]")
                .contains("{\"kind\":\"gc\",\"backlog\":3,\"done\":10,\"failedPasses\":1,\"consecutiveFailures\":0,"
                        + "\"lastRun\":\"2023-11-14T22:13:20.500Z\",\"lastDurationSeconds\":0.25,\"runsHere\":true}")
                .endsWith("\"cluster\":null}\n")
                .doesNotContain("\"countedAt\":null");
        assertThat(stats.last().objects()).isEqualTo(2);
    }

    @Test
    void aClusterListsItsMembersWithTheLeaderAndFollowersLastContact() {
        Map<String, String> members = new LinkedHashMap<>();
        members.put("n1", "127.0.0.1:9871");
        members.put("n2", "127.0.0.1:9872");
        assertThat(OverviewEndpoint.cluster("n1", "n1", 42, members, Map.of("n2", 120L))).isEqualTo(
                "{\"node\":\"n1\",\"leader\":\"n1\",\"applied\":42,\"members\":["
                        + "{\"id\":\"n1\",\"address\":\"127.0.0.1:9871\",\"role\":\"leader\",\"self\":true},"
                        + "{\"id\":\"n2\",\"address\":\"127.0.0.1:9872\",\"role\":\"follower\",\"self\":false,\"lastContactMillis\":120}]}");
        assertThat(OverviewEndpoint.cluster("n2", null, 0, members, Map.of())).contains("\"leader\":null")
                .contains("\"role\":\"follower\",\"self\":true");
    }

    @Test
    void otherMethodsAreRefused() {
        OverviewEndpoint endpoint = new OverviewEndpoint(OverviewEndpoint.sources(stats, () -> jobs, null, Optional::empty),
                request -> Optional.empty());
        MockServerHttpResponse response = new MockServerHttpResponse();
        endpoint.handle(MockServerHttpRequest.delete(OverviewEndpoint.PATH).build(), response).block();
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.METHOD_NOT_ALLOWED);
    }
}

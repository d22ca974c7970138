package dev.coffer.compat.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.compat.cluster.ClusterWriters.Ack;
import dev.coffer.compat.cluster.ClusterWriters.Client;
import dev.coffer.compat.ops.NginxProcess;
import dev.coffer.compat.support.AwsCli;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * docker/nginx-cluster.conf run by Debian's nginx on loopback in front of three real nodes
 * (scripts/cluster-local.sh). The AWS SDK at its defaults (its standard retries included) and the
 * aws CLI write objects of 1 KiB to 17 MiB through nginx ({@link ClusterWriters}: multipart above
 * 8 MiB, by both), while the leader and later a follower die by SIGKILL; afterwards every object a
 * client was told is stored reads back byte for byte (SHA-256) through nginx, and from the follower
 * once it came back on an empty disk ({@code cluster-local.sh replace}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterNginxIT {
    /**
     * Inline in the record (up to 32 KiB) and chunked (larger, on R nodes); 17 MiB is above the CLI's
     * and the transfer manager's 8 MiB multipart threshold (three parts).
     */
    private static final long[] SIZES = {1 << 10, 100 << 10, 1 << 20, 17 << 20};
    private static final String BUCKET = "behind-nginx";

    /** Shared: after the kills it is again three members that agree (the test's own assertions). */
    @RegisterExtension
    static final LocalCluster cluster = LocalCluster.SHARED;
    private static NginxProcess nginx;
    private static Path work;

    @BeforeAll
    static void up() throws Exception {
        NginxProcess.binary();
        AwsCli.require();
        nginx = NginxProcess.startCluster(cluster.endpoints.stream().map(URI::getPort).toList());
        work = Files.createTempDirectory("coffer-cluster-nginx-");
    }

    @AfterAll
    static void down() throws Exception {
        if (nginx != null) nginx.close();
    }

    @Test
    @Order(1)
    void eachNodesHealthTellsItsRaftRoleTermIndexesAndPeersAndTheMetricsToo() throws Exception {
        int leaders = 0;
        for (int node = 1; node <= 3; node++) {
            String health = cluster.health(node);
            assertThat(health).as("node %d", node).contains("\"status\":\"ready\"", "\"node\":\"n" + node + "\"",
                    "\"term\":", "\"commitIndex\":", "\"appliedIndex\":").containsPattern("\"leader\":\"n[123]\"")
                    // No audit pass yet (gc-interval=1h delays every job's first pass): not known, not 0.
                    .contains("\"replicaBacklog\":-1")
                    .doesNotContain("\"problems\"");
            for (int peer = 1; peer <= 3; peer++) {
                if (peer != node) assertThat(health).as("node %d names n%d", node, peer).contains("\"n" + peer + "\":{\"reachable\":");
            }
            if (health.contains("\"role\":\"leader\"")) {
                leaders++;
                assertThat(health).as("the leader heard from both followers").doesNotContain("\"reachable\":false")
                        .doesNotContain("\"reachable\":null");
            } else {
                assertThat(health).as("node %d", node).contains("\"role\":\"follower\"");
            }
            assertThat(cluster.admin(node, "/_coffer/metrics")).as("metrics of node %d", node)
                    .contains("coffer_cluster_term ", "coffer_cluster_commit_index ", "coffer_cluster_applied_index ",
                            "coffer_cluster_leader ", "coffer_cluster_peer_reachable{peer=\"");
        }
        assertThat(leaders).as("one leader among the three").isEqualTo(1);
        assertThat(viaNginx("/_coffer/health")).as("through nginx, whichever node answers").contains("\"cluster\":{");
    }

    @Test
    @Order(2)
    @Timeout(600)
    void killNineOfTheLeaderAndThenOfAFollowerBehindNginxLosesNoAcknowledgedObjectAndAnEmptiedNodeIsRefilled() throws Exception {
        try (S3Client s3 = sdk()) {
            s3.createBucket(r -> r.bucket(BUCKET));
        }
        int follower;
        List<Ack> acknowledged;
        Map<String, Long> failed;
        try (ClusterWriters writers = new ClusterWriters(URI.create("http://127.0.0.1:" + nginx.port()), work, BUCKET, SIZES)) {
            writers.start(2);
            awaitAcknowledged(writers, 0, 5, "before any kill");
            int leader = cluster.leader();
            assertThat(leader).as("a leader before the kill").isBetween(1, 3);
            cluster.killNine(leader);
            // Multipart through nginx while the leader is dead or being replaced: the CLI's and the SDK's.
            int mark = writers.acknowledged().size();
            awaitAcknowledged(writers, mark, 10, "after kill -9 of the leader n" + leader, Client.CLI, Client.SDK_MULTIPART);
            cluster.restart(leader);
            int now = cluster.leader();
            follower = now == 1 ? 2 : 1;
            cluster.killNine(follower);
            awaitAcknowledged(writers, writers.acknowledged().size(), 5, "after kill -9 of the follower n" + follower + " (leader n" + now + ")");
            writers.stop(300);
            acknowledged = writers.acknowledged();
            failed = writers.failures();
            String leaderHealth = leaderSeesUnreachable(follower);
            assertThat(leaderHealth).as("the leader's health after n%d died", follower)
                    .contains("\"n" + follower + "\":{\"reachable\":false", "\"problems\":[\"cluster: n" + follower + " has not answered for ");
            // The dead follower's disk is lost too: it leaves the group, comes back empty, is added again
            // and receives the catalogue (a snapshot).
            cluster.replace(follower);
            try (S3Client s3 = sdk(); S3Client replaced = cluster.client(follower)) {
                for (Ack a : acknowledged) {
                    assertThat(writers.verify(replaced, a)).as("%s (%d bytes) on the replaced node n%d", a.key(), a.size(), follower).isNull();
                    assertThat(writers.verify(s3, a)).as("%s (%d bytes) through nginx: %s", a.key(), a.size(), tail()).isNull();
                }
            }
        }
        Ack cliMultipart = acknowledged.stream().filter(a -> a.client() == Client.CLI && a.size() > ClusterWriters.MULTIPART_THRESHOLD)
                .findFirst().orElseThrow();
        Path back = work.resolve("back");
        cli().run("s3", "cp", "s3://" + BUCKET + "/" + cliMultipart.key(), back.toString());
        try (InputStream in = Files.newInputStream(back)) {
            assertThat(ClusterWriters.sha256(in)).as("%s through the aws CLI", cliMultipart.key()).isEqualTo(cliMultipart.sha256());
        }
        System.out.printf("ClusterNginxIT: %d objects acknowledged and read back (%d above 8 MiB), writes failed (not acknowledged): %s%n",
                acknowledged.size(), acknowledged.stream().filter(a -> a.size() > ClusterWriters.MULTIPART_THRESHOLD).count(), failed);
    }

    /**
     * Waits (up to 3 minutes) until {@code more} writes were acknowledged after the first {@code mark},
     * among them one above the multipart threshold by each of {@code multipart}.
     */
    private static void awaitAcknowledged(ClusterWriters writers, int mark, int more, String when, Client... multipart)
            throws InterruptedException {
        for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(180); ; Thread.sleep(100)) {
            List<Ack> since = writers.acknowledged();
            since = since.subList(Math.min(mark, since.size()), since.size());
            boolean large = true;
            for (Client c : multipart) {
                large &= since.stream().anyMatch(a -> a.client() == c && a.size() > ClusterWriters.MULTIPART_THRESHOLD);
            }
            if (since.size() >= more && large) return;
            assertThat(System.nanoTime() - end).as("%d acknowledged writes %s, with one above 8 MiB by %s, within 3 minutes "
                    + "(%d so far, failed: %s); logs:%n%s", more, when, Arrays.toString(multipart), since.size(), writers.failures(),
                    cluster.logs()).isNegative();
        }
    }

    /** The SDK at its defaults (retries, timeouts), only pointed at nginx and signed by the cluster's root key. */
    private static S3Client sdk() {
        return ClusterWriters.sdk(URI.create("http://127.0.0.1:" + nginx.port()));
    }

    private static AwsCli cli() {
        return new AwsCli("http://127.0.0.1:" + nginx.port(), work, Map.of(
                "AWS_ACCESS_KEY_ID", LocalCluster.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", LocalCluster.SECRET_KEY));
    }

    private static String viaNginx(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + nginx.port() + path))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Waits (up to a minute) until the leader's health names {@code follower} as not answering. */
    private static String leaderSeesUnreachable(int follower) throws Exception {
        String last = "";
        for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60); System.nanoTime() < end; Thread.sleep(500)) {
            for (int node = 1; node <= 3; node++) {
                if (node == follower) continue;
                last = cluster.health(node);
                if (last.contains("\"role\":\"leader\"") && last.contains("\"n" + follower + "\":{\"reachable\":false")) {
                    return last;
                }
            }
        }
        return last;
    }

    private static String tail() {
        try {
            List<String> lines = nginx.output().lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (Exception e) {
            return "(nginx output unreadable: " + e + ")";
        }
    }
}

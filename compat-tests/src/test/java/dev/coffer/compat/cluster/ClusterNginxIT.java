package dev.coffer.compat.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.compat.ops.NginxProcess;
import dev.coffer.compat.support.AwsCli;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * docker/nginx-cluster.conf run by Debian's nginx on loopback in front of three real nodes
 * (scripts/cluster-local.sh). The AWS SDK at its defaults (its standard retries included) and the
 * aws CLI write objects of 1 KiB to 5 MiB through nginx, while the leader and later a follower die by SIGKILL; afterwards every object a
 * client was told is stored reads back byte for byte through nginx, and from the follower once it
 * came back on an empty disk ({@code cluster-local.sh replace}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterNginxIT {
    /** Inline in the record (up to 32 KiB) and chunked (larger, on R nodes); below the CLI's 8 MiB multipart threshold. */
    private static final int[] SIZES = {1 << 10, 16 << 10, 100 << 10, 1 << 20, 5 << 20};
    private static final String BUCKET = "behind-nginx";

    private static LocalCluster cluster;
    private static NginxProcess nginx;
    private static Path work;

    @BeforeAll
    @Timeout(450)
    static void up() throws Exception {
        NginxProcess.binary();
        AwsCli.require();
        cluster = LocalCluster.up(3, "--coffer.gc-interval=1h");
        nginx = NginxProcess.startCluster(cluster.endpoints.stream().map(URI::getPort).toList());
        work = Files.createTempDirectory("coffer-cluster-nginx-");
    }

    @AfterAll
    static void down() throws Exception {
        try {
            if (nginx != null) nginx.close();
        } finally {
            if (cluster != null) cluster.close();
        }
    }

    @Test
    @Order(1)
    void eachNodesHealthTellsItsRaftRoleTermIndexesAndPeersAndTheMetricsToo() throws Exception {
        int leaders = 0;
        for (int node = 1; node <= 3; node++) {
            String health = cluster.health(node);
            assertThat(health).as("node %d", node).contains("\"status\":\"ready\"", "\"node\":\"n" + node + "\"",
                    "\"term\":", "\"commitIndex\":", "\"appliedIndex\":").containsPattern("\"leader\":\"n[123]\"")
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

    /** Key → the seed and size of its bytes, for each write a client saw acknowledged. */
    private final Map<String, long[]> acknowledged = new ConcurrentHashMap<>();
    private final AtomicInteger failed = new AtomicInteger();

    @Test
    @Order(2)
    @Timeout(600)
    void killNineOfTheLeaderAndThenOfAFollowerBehindNginxLosesNoAcknowledgedObjectAndAnEmptiedNodeIsRefilled() throws Exception {
        try (S3Client s3 = sdk()) {
            s3.createBucket(r -> r.bucket(BUCKET));
        }
        AtomicBoolean stop = new AtomicBoolean();
        int follower = -1;
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<?>> writers = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            int writer = t;
            writers.add(pool.submit(() -> sdkWrites(writer, stop)));
        }
        writers.add(pool.submit(() -> cliWrites(stop)));
        try {
            awaitAcknowledged(10, "before any kill");
            int leader = cluster.leader();
            assertThat(leader).as("a leader before the kill").isBetween(1, 3);
            cluster.killNine(leader);
            awaitAcknowledged(acknowledged.size() + 10, "after kill -9 of the leader n" + leader);
            cluster.restart(leader);
            int now = cluster.leader();
            follower = now == 1 ? 2 : 1;
            cluster.killNine(follower);
            awaitAcknowledged(acknowledged.size() + 10, "after kill -9 of the follower n" + follower + " (leader n" + now + ")");
        } finally {
            stop.set(true);
            for (Future<?> w : writers) w.get(180, TimeUnit.SECONDS);
            pool.shutdownNow();
        }
        String leaderHealth = leaderSeesUnreachable(follower);
        assertThat(leaderHealth).as("the leader's health after n%d died", follower)
                .contains("\"n" + follower + "\":{\"reachable\":false", "\"problems\":[\"cluster: n" + follower + " has not answered for ");
        // The dead follower's disk is lost too: it leaves the group, comes back empty, is added again
        // and receives the catalogue (a snapshot).
        cluster.replace(follower);
        try (S3Client s3 = sdk(); S3Client replaced = cluster.client(follower)) {
            for (Map.Entry<String, long[]> e : acknowledged.entrySet()) {
                byte[] direct = replaced.getObjectAsBytes(r -> r.bucket(BUCKET).key(e.getKey())).asByteArray();
                assertThat(Arrays.equals(direct, bytes(e.getValue()[0], (int) e.getValue()[1])))
                        .as("%s on the replaced node n%d", e.getKey(), follower).isTrue();
                byte[] read = s3.getObjectAsBytes(r -> r.bucket(BUCKET).key(e.getKey())).asByteArray();
                assertThat(Arrays.equals(read, bytes(e.getValue()[0], (int) e.getValue()[1])))
                        .as("%s (%d bytes) reads back as written; nginx: %s", e.getKey(), e.getValue()[1], tail())
                        .isTrue();
            }
        }
        String cliKey = acknowledged.keySet().stream().filter(k -> k.startsWith("cli-")).findFirst().orElseThrow();
        Path back = work.resolve("back");
        cli().run("s3", "cp", "s3://" + BUCKET + "/" + cliKey, back.toString());
        long[] written = acknowledged.get(cliKey);
        assertThat(Files.readAllBytes(back)).as("%s through the aws CLI", cliKey).isEqualTo(bytes(written[0], (int) written[1]));
        assertThat(acknowledged.keySet()).as("both clients wrote").anyMatch(k -> k.startsWith("sdk-")).anyMatch(k -> k.startsWith("cli-"));
        System.out.printf("ClusterNginxIT: %d objects acknowledged and read back, %d writes failed (not acknowledged)%n",
                acknowledged.size(), failed.get());
    }

    private void sdkWrites(int writer, AtomicBoolean stop) {
        try (S3Client s3 = sdk()) {
            for (int seq = 0; !stop.get(); seq++) {
                String key = "sdk-" + writer + "-" + seq;
                long seed = writer * 1_000_003L + seq;
                int size = SIZES[seq % SIZES.length];
                try {
                    s3.putObject(r -> r.bucket(BUCKET).key(key), RequestBody.fromBytes(bytes(seed, size)));
                    acknowledged.put(key, new long[] {seed, size});
                } catch (SdkException e) { // after the SDK's own retries: not acknowledged, may or may not be stored
                    failed.incrementAndGet();
                }
            }
        }
    }

    private Void cliWrites(AtomicBoolean stop) throws Exception {
        AwsCli cli = cli();
        for (int seq = 0; !stop.get(); seq++) {
            String key = "cli-" + seq;
            long seed = 7_000_000_007L + seq;
            int size = SIZES[(seq + 1) % SIZES.length];
            Path file = work.resolve("cli-upload");
            Files.write(file, bytes(seed, size));
            try {
                cli.run("s3", "cp", file.toString(), "s3://" + BUCKET + "/" + key);
                acknowledged.put(key, new long[] {seed, size});
            } catch (AssertionError exitedNonZero) {
                failed.incrementAndGet();
            }
        }
        return null;
    }

    private void awaitAcknowledged(int count, String when) throws InterruptedException {
        for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(180); acknowledged.size() < count; Thread.sleep(100)) {
            assertThat(System.nanoTime() - end).as("%d acknowledged writes %s within 3 minutes (%d so far, %d failed); logs:%n%s",
                    count, when, acknowledged.size(), failed.get(), cluster.logs()).isNegative();
        }
    }

    private static byte[] bytes(long seed, int size) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** The SDK at its defaults (retries, timeouts), only pointed at nginx and signed by the cluster's root key. */
    private static S3Client sdk() {
        return S3Client.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + nginx.port()))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LocalCluster.ACCESS_KEY, LocalCluster.SECRET_KEY)))
                .build();
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

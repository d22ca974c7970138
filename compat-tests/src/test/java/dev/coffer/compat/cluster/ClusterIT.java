package dev.coffer.compat.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.compat.support.ConditionalRace;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Three Coffer processes on loopback whose catalogue Apache Ratis replicates, started by {@code
 * scripts/cluster-local.sh} (docs/cluster.md), driven by the AWS SDK with retries off. The shared
 * cluster ({@link LocalCluster#SHARED}: the kill leaves it three members that agree again; with
 * its snapshot every 40 entries the killed node can catch up from a snapshot, as when this class
 * had a cluster of its own), in
 * order: what one node acknowledged every node serves at once; conditional writes race across
 * nodes; the leader dies by SIGKILL in the middle of a history that must stay linearizable. (A
 * fourth node brought up by a snapshot: ClusterRepairIT, whose cluster ends with four.)
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
    @RegisterExtension
    static final LocalCluster cluster = LocalCluster.SHARED;

    @Test
    @Order(1)
    void aBucketCreatedOnOneNodeIsListedOnTheOthersAtOnce() {
        try (S3Client a = cluster.client(1); S3Client b = cluster.client(2); S3Client c = cluster.client(3)) {
            a.createBucket(r -> r.bucket("made-on-a"));
            assertThat(b.listBuckets().buckets()).extracting(Bucket::name).contains("made-on-a");
            assertThat(c.listBuckets().buckets()).extracting(Bucket::name).contains("made-on-a");
            b.putObject(r -> r.bucket("made-on-a").key("hello"), RequestBody.fromString("from b"));
            assertThat(c.getObjectAsBytes(r -> r.bucket("made-on-a").key("hello")).asUtf8String()).isEqualTo("from b");
            assertThat(a.listObjectsV2(r -> r.bucket("made-on-a")).contents()).extracting(S3Object::key)
                    .containsExactly("hello");
        }
    }

    @Test
    @Order(2)
    void concurrentConditionalPutsThroughDifferentNodesHaveExactlyOneWinner() throws Exception {
        List<S3Client> clients = List.of(cluster.client(1), cluster.client(2), cluster.client(3));
        try {
            clients.get(0).createBucket(r -> r.bucket("race"));
            for (int round = 0; round < 3; round++) {
                String key = "once-" + round;
                List<Integer> winners = ConditionalRace.winners(6, i -> clients.get(i % 3).putObject(
                        r -> r.bucket("race").key(key).ifNoneMatch("*"), RequestBody.fromString("writer " + i)));
                assertThat(winners).as("winners of %s", key).hasSize(1);
                for (S3Client client : clients) {
                    assertThat(client.getObjectAsBytes(r -> r.bucket("race").key(key)).asUtf8String())
                            .isEqualTo("writer " + winners.get(0));
                }
            }
        } finally {
            clients.forEach(S3Client::close);
        }
    }

    @Test
    @Order(3)
    void theClusterHasOneFirstAccountAndAUserAndAccessKeyMadeOnOneNodeWorkOnEveryNode() throws Exception {
        for (int node = 1; node <= 3; node++) {
            assertThat(cluster.admin(node, "/_coffer/admin/accounts")).as("accounts on node %d", node)
                    .containsOnlyOnce("\"accountId\"");
        }
        AccessKey key;
        try (IamClient iamOnA = cluster.iam(1); IamClient iamOnB = cluster.iam(2)) {
            iamOnA.createUser(r -> r.userName("app"));
            assertThat(iamOnB.getUser(r -> r.userName("app")).user().userName()).isEqualTo("app");
            key = iamOnA.createAccessKey(r -> r.userName("app")).accessKey();
            iamOnA.putUserPolicy(r -> r.userName("app").policyName("objects-of-made-on-a").policyDocument("""
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
                     "Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::made-on-a/app/*"}]}"""));
        }
        // The key's secret was sealed by node 1; every node opens it (a key derived from the shared root secret).
        for (int node = 2; node <= 3; node++) {
            int n = node;
            try (S3Client asApp = cluster.client(node, key.accessKeyId(), key.secretAccessKey())) {
                asApp.putObject(r -> r.bucket("made-on-a").key("app/from-n" + n), RequestBody.fromString("app on n" + n));
                assertThat(asApp.getObjectAsBytes(r -> r.bucket("made-on-a").key("app/from-n" + n)).asUtf8String())
                        .isEqualTo("app on n" + n);
                assertThatThrownBy(() -> asApp.getObjectAsBytes(r -> r.bucket("made-on-a").key("hello")))
                        .as("outside its policy, on node %d", n)
                        .isInstanceOfSatisfying(S3Exception.class, e -> {
                            assertThat(e.statusCode()).isEqualTo(403);
                            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                        });
                assertThatThrownBy(asApp::listBuckets).as("ListBuckets is not allowed, on node %d", n)
                        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
            }
        }
    }

    @Test
    @Order(5)
    @Timeout(600)
    void killNineOfTheLeaderDuringWritesLosesNoAcknowledgedWriteAndTheHistoryStaysLinearizable() throws Exception {
        try (S3Client setup = cluster.client(1)) {
            setup.createBucket(r -> r.bucket("lin"));
        }
        RegisterHistory history = new RegisterHistory();
        long t0 = System.nanoTime();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 1; t <= 3; t++) {
            int node = t;
            workers.add(pool.submit(() -> {
                Random random = new Random(node);
                try (S3Client client = cluster.client(node)) {
                    for (int seq = 0; seq < 40 && !stop.get(); seq++) {
                        String key = "k" + random.nextInt(3);
                        String who = "n" + node;
                        long invoked = System.nanoTime() - t0;
                        if (random.nextInt(10) < 6) {
                            String value = who + "-" + seq;
                            try {
                                client.putObject(r -> r.bucket("lin").key(key), RequestBody.fromString(value));
                                history.write(key, value, invoked, System.nanoTime() - t0, who);
                            } catch (SdkClientException e) {
                                if (refusedConnection(e)) { // never reached the server: no write at all
                                    sleep(300);
                                } else {
                                    history.writeUnknown(key, value, invoked, who);
                                }
                            } catch (S3Exception e) {
                                history.writeUnknown(key, value, invoked, who); // e.g. 503: may commit later
                            }
                        } else {
                            try {
                                String value = read(client, key);
                                history.read(key, value, invoked, System.nanoTime() - t0, who);
                            } catch (SdkClientException | S3Exception e) {
                                if (refusedConnection(e)) sleep(300);
                            }
                        }
                        done.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120); done.get() < 30; Thread.sleep(50)) {
            assertThat(System.nanoTime() - end).as("30 operations before the kill, in 2 minutes").isNegative();
        }
        int leader = cluster.leader();
        assertThat(leader).as("a leader before the kill").isBetween(1, 3);
        cluster.killNine(leader);
        int newLeader = -1;
        for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60); System.nanoTime() < end; Thread.sleep(250)) {
            newLeader = cluster.leader();
            if (newLeader != -1 && newLeader != leader) break;
        }
        assertThat(newLeader).as("a new leader after killing n%d", leader).isNotIn(-1, leader);
        for (Future<?> w : workers) w.get(300, TimeUnit.SECONDS);
        stop.set(true);
        pool.shutdownNow();
        cluster.restart(leader);
        // Every node, the restarted one included, reads every key after all writes ended.
        for (int node = 1; node <= 3; node++) {
            try (S3Client client = cluster.client(node)) {
                for (int k = 0; k < 3; k++) {
                    long invoked = System.nanoTime() - t0;
                    String value = read(client, "k" + k);
                    history.read("k" + k, value, invoked, System.nanoTime() - t0, "final@n" + node);
                }
            }
        }
        assertThat(history.violation()).as("%d operations; logs:%n%s", history.size(), cluster.logs()).isNull();
    }

    private static String read(S3Client client, String key) {
        try {
            return client.getObjectAsBytes(r -> r.bucket("lin").key(key)).asUtf8String();
        } catch (NoSuchKeyException e) {
            return null;
        }
    }

    private static boolean refusedConnection(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) return true;
        }
        return false;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

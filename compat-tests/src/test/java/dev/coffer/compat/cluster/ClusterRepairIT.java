package dev.coffer.compat.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.compat.support.Awaits;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Re-replication (docs/cluster.md, "Re-replication" and "A node that does not come back"): three
 * Coffer processes started by {@code scripts/cluster-local.sh}, R = 3, 1 MiB chunks, passes every
 * 2 s, {@code coffer.cluster.dead-after} 15 s, a snapshot every 40 entries and 16 KiB log segments
 * (so a late member needs the snapshot). In order: a kill -9 of node 3 during a run of writes loses
 * no acknowledged byte, the chunks written meanwhile show in the replica backlog, and once node 3
 * is back every chunk is on all three nodes and every node's backlog is 0; a replica the scrub
 * quarantines is made again from a good one; a node whose data directory is gone rejoins empty and
 * is refilled; a fourth node added at run time is brought up by a snapshot, serves everything, is
 * learned by the older ones, and the replicas of a node marked draining move to it; then, with
 * four, a follower killed by kill -9 is presumed dead by the leader's health once it has not
 * answered for dead-after, and every chunk it held is copied to the node without it, so each is on
 * three live nodes again; when it comes back it counts again: the leader no longer presumes it
 * dead, it keeps its replicas and each chunk is on exactly three nodes again (the copy made
 * meanwhile is deleted). One cluster for all (a start costs half a minute of CI). Waits are
 * bounded loops, never timed assertions.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterRepairIT {
    private static final String SETTINGS = "--coffer.max-chunk-size=1048576 --coffer.cluster.repair-interval=2s"
            + " --coffer.jobs.scrub-interval=5s --coffer.cluster.dead-after=15s"
            + " --coffer.cluster.snapshot-every=40 --coffer.cluster.log-segment-size=16384";
    private static final long HEAL_SECONDS = 300;
    @RegisterExtension
    static final LocalCluster cluster = LocalCluster.perClass(3, SETTINGS);
    /** The acknowledged objects and the chunks each write added on node 1 (every chunk of the object). */
    private static final ClusterObjects objects = new ClusterObjects(cluster);

    @Test
    @Order(1)
    @Timeout(900)
    void aKillNineDuringWritesLosesNoAcknowledgedByteAndTheReturnedNodeIsRefilled() throws Exception {
        AtomicInteger acknowledged = new AtomicInteger();
        List<String> failed = new ArrayList<>();
        try (S3Client a = cluster.client(1); S3Client b = cluster.client(2)) {
            a.createBucket(r -> r.bucket("data"));
            ExecutorService writer = Executors.newSingleThreadExecutor();
            Future<?> writes = writer.submit(() -> {
                Random random = new Random(71);
                for (int i = 0; i < 24; i++) {
                    byte[] bytes = new byte[300 * 1024 + random.nextInt(2 * 1024 * 1024)];
                    random.nextBytes(bytes);
                    String key = "object-" + i;
                    try {
                        objects.written(key, bytes, () -> a.putObject(r -> r.bucket("data").key(key),
                                RequestBody.fromBytes(bytes)));
                        acknowledged.incrementAndGet();
                    } catch (Exception e) {
                        synchronized (failed) {
                            failed.add(key + ": " + e);
                        }
                    }
                }
                return null;
            });
            Awaits.await(acknowledged::get, n -> n >= 8, "8 writes acknowledged before the kill", 300, 100);
            cluster.killNine(3);
            writes.get(600, TimeUnit.SECONDS);
            writer.shutdown();
            System.out.println("ClusterRepairIT: " + acknowledged.get() + " writes acknowledged, failed: " + failed);
            assertThat(acknowledged.get()).as("writes acknowledged with node 3 dead too").isGreaterThan(12);
            objects.assertAllReadBack(a);
            objects.assertAllReadBack(b);
            long seen = Awaits.await(() -> cluster.replicaBacklog(1), n -> n > 0,
                    "node 1 counting the chunks written while node 3 was down", 120, 500);
            System.out.println("ClusterRepairIT: replica backlog on node 1 while node 3 is down: " + seen);
        }
        cluster.restart(3);
        awaitHealed(3);
        try (S3Client c = cluster.client(3)) {
            objects.assertAllReadBack(c);
        }
    }

    @Test
    @Order(2)
    @Timeout(600)
    void aReplicaTheScrubQuarantinesIsMadeAgainFromAGoodOne() throws Exception {
        String id = objects.chunksOf("object-1").iterator().next();
        byte[] good = Files.readAllBytes(cluster.chunkFile(1, id));
        cluster.flipByte(2, id, good.length / 3);
        Awaits.await(() -> Files.exists(cluster.store(2).resolve("quarantine").resolve(id)), q -> q,
                "node 2's scrub quarantining its damaged replica", HEAL_SECONDS, 500);
        awaitHealed(2);
        assertThat(ClusterObjects.sha256(Files.readAllBytes(cluster.chunkFile(2, id)))).as("node 2's replica made again")
                .isEqualTo(ClusterObjects.sha256(good));
    }

    @Test
    @Order(3)
    @Timeout(900)
    void aNodeWhoseDataDirectoryWasDeletedRejoinsEmptyAndIsRefilled() throws Exception {
        cluster.replace(2);
        awaitHealed(2);
        try (S3Client b = cluster.client(2)) {
            objects.assertAllReadBack(b);
        }
    }

    @Test
    @Order(4)
    @Timeout(900)
    void aNodeAddedAtRunTimeIsBroughtUpByASnapshotAndIsLearnedAndADrainingNodesReplicasMoveToIt() throws Exception {
        try (S3Client a = cluster.client(1)) {
            a.createBucket(r -> r.bucket("before-join"));
            for (int i = 0; i < 60; i++) { // more than a snapshot's worth of entries
                int n = i;
                a.putObject(r -> r.bucket("before-join").key("o" + n), RequestBody.fromString("v" + n));
            }
        }
        cluster.add(); // node 4: no older node has its S3 address in its settings; it announces it (kind 72)
        try (S3Client d = cluster.client(4)) {
            assertThat(d.listObjectsV2(r -> r.bucket("before-join")).keyCount()).isEqualTo(60);
            assertThat(d.getObjectAsBytes(r -> r.bucket("before-join").key("o7")).asUtf8String()).isEqualTo("v7");
            d.putObject(r -> r.bucket("before-join").key("from-d"), RequestBody.fromString("d"));
        }
        try (S3Client b = cluster.client(2)) {
            assertThat(b.getObjectAsBytes(r -> r.bucket("before-join").key("from-d")).asUtf8String()).isEqualTo("d");
        }
        assertThat(Files.readString(cluster.node(4).resolve("coffer.log")))
                .as("node 4 caught up from a snapshot, not the whole log")
                .contains("installed the catalogue snapshot");
        assertThat(cluster.admin(2, "PUT", "/_coffer/cluster/draining/n1")).contains("\"draining\":[\"n1\"]");
        Set<String> all = acknowledgedChunks();
        Awaits.await(() -> missingOn(4, all), Set::isEmpty, "node 4 given the draining node's replicas", HEAL_SECONDS, 1000);
        Awaits.await(() -> heldBy(1, all), Set::isEmpty, "node 1's replicas deleted once three others hold them",
                HEAL_SECONDS, 1000);
        for (int n = 1; n <= 4; n++) awaitNoBacklog(n);
        for (int n = 2; n <= 4; n++) assertThat(cluster.chunkIds(n)).as("node %d", n).containsAll(all);
        try (S3Client a = cluster.client(1)) {
            objects.assertAllReadBack(a); // node 1 holds none now: every chunk from the others
        }
        assertThat(cluster.admin(2, "DELETE", "/_coffer/cluster/draining/n1")).contains("\"draining\":[]");
    }

    @Test
    @Order(5)
    @Timeout(1200)
    void aFollowerNotHeardFromForDeadAfterHasItsChunksCopiedElsewhereAndCountsAgainWhenItReturns() throws Exception {
        try (S3Client a = cluster.client(1)) {
            Random random = new Random(73);
            for (int i = 0; i < 8; i++) {
                byte[] bytes = new byte[600 * 1024 + random.nextInt(1024 * 1024)];
                random.nextBytes(bytes);
                String key = "late-" + i;
                a.putObject(r -> r.bucket("data").key(key), RequestBody.fromBytes(bytes));
                objects.acknowledged(key, bytes);
            }
        }
        Set<String> all = new HashSet<>();
        for (int n = 1; n <= 4; n++) all.addAll(cluster.chunkIds(n));
        assertThat(all).as("chunks written").hasSizeGreaterThanOrEqualTo(28);
        for (String id : all) assertThat(holders(id, 0)).as("holders of %s", id).isEqualTo(3);

        int leader = Awaits.await(ClusterRepairIT::leaderOrNone, l -> l > 0, "a leader", HEAL_SECONDS, 1000);
        int victim = leader == 4 ? 3 : 4;
        Set<String> held = new HashSet<>(cluster.chunkIds(victim));
        assertThat(held).as("chunks on node %d", victim).isNotEmpty();
        cluster.killNine(victim);

        String dead = "\"n" + victim + "\":\\{[^}]*\"presumedDead\":true";
        Awaits.await(() -> health(leader), h -> Pattern.compile(dead).matcher(h).find(),
                "the leader presuming node " + victim + " dead", HEAL_SECONDS, 1000);
        Awaits.await(() -> short3(all, victim), Set::isEmpty,
                "every chunk on three live nodes without node " + victim, HEAL_SECONDS, 1000);
        int survivor = victim == 1 ? 2 : 1;
        try (S3Client s = cluster.client(survivor)) {
            objects.assertAllReadBack(s);
        }

        cluster.restart(victim);
        String alive = "\"n" + victim + "\":\\{[^}]*\"presumedDead\":false";
        Awaits.await(() -> health(leader), h -> Pattern.compile(alive).matcher(h).find(),
                "the leader counting node " + victim + " again", HEAL_SECONDS, 1000);
        Awaits.await(() -> notExactly3(all), Set::isEmpty, "every chunk on exactly three nodes again", HEAL_SECONDS, 1000);
        assertThat(cluster.chunkIds(victim)).as("node %d keeps the replicas it had", victim).containsAll(held);
        try (S3Client v = cluster.client(victim)) {
            objects.assertAllReadBack(v);
        }
    }

    private static int leaderOrNone() {
        try {
            return cluster.leader();
        } catch (Exception e) {
            return -1;
        }
    }

    private static String health(int node) {
        try {
            return cluster.health(node);
        } catch (Exception e) {
            return e.toString();
        }
    }

    /** On how many nodes other than {@code except} (0: none excepted) chunk {@code id} is. */
    private static int holders(String id, int except) {
        int count = 0;
        for (int n = 1; n <= 4; n++) {
            try {
                if (n != except && cluster.chunkIds(n).contains(id)) count++;
            } catch (java.io.IOException e) {
                // a store being rebuilt: not a holder now
            }
        }
        return count;
    }

    private static Set<String> short3(Set<String> ids, int except) {
        Set<String> out = new HashSet<>();
        for (String id : ids) if (holders(id, except) < 3) out.add(id);
        return out;
    }

    private static Set<String> notExactly3(Set<String> ids) {
        Set<String> out = new HashSet<>();
        for (String id : ids) {
            int n = holders(id, 0);
            if (n != 3) out.add(id + "@" + n);
        }
        return out;
    }

    private static Set<String> acknowledgedChunks() {
        Set<String> all = objects.allChunks();
        assertThat(all).as("chunks of the acknowledged objects").hasSizeGreaterThan(20);
        return all;
    }

    /** Waits until {@code node} holds every acknowledged object's chunks and no node counts a chunk below R. */
    private static void awaitHealed(int node) throws Exception {
        Set<String> all = acknowledgedChunks();
        Awaits.await(() -> missingOn(node, all), Set::isEmpty, "node " + node + " refilled", HEAL_SECONDS, 1000);
        for (int n = 1; n <= 3; n++) {
            awaitNoBacklog(n);
            assertThat(cluster.chunkIds(n)).as("node %d holds a replica of every chunk", n).containsAll(all);
        }
    }

    private static void awaitNoBacklog(int n) throws InterruptedException {
        Awaits.await(() -> cluster.replicaBacklog(n), b -> b == 0, "node " + n + "'s replica backlog reaching 0", HEAL_SECONDS, 1000);
    }

    private static Set<String> heldBy(int node, Set<String> ids) {
        Set<String> held = new HashSet<>(ids);
        held.removeAll(missingOn(node, ids));
        return held;
    }

    private static Set<String> missingOn(int node, Set<String> ids) {
        try {
            Set<String> missing = new HashSet<>(ids);
            missing.removeAll(cluster.chunkIds(node));
            return missing;
        } catch (java.io.IOException e) {
            return ids;
        }
    }
}

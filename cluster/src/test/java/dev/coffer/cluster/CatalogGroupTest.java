package dev.coffer.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coffer.metadata.BucketExistsException;
import dev.coffer.metadata.BucketRecord;
import dev.coffer.metadata.Catalog;
import dev.coffer.metadata.ConditionalWriteConflict;
import dev.coffer.metadata.ObjectRecord;
import dev.coffer.metadata.WriteCondition;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three Ratis servers in one JVM on loopback ports, each with its own RocksDB catalogue. */
class CatalogGroupTest {
    @TempDir
    Path dir;

    @Test
    void aBucketCreatedOnOneNodeIsListedOnAnotherAfterTheReadBarrier() throws Exception {
        try (ThreeNodes group = new ThreeNodes(dir, 3, 10_000, 8L << 20)) {
            group.catalogs.get("n1").createBucket(bucket("photos"));
            group.nodes.get("n3").readBarrier().get(30, TimeUnit.SECONDS);
            assertEquals(List.of("photos"), names(group.catalogs.get("n3")));
            group.nodes.get("n2").readBarrier().get(30, TimeUnit.SECONDS);
            assertEquals(List.of("photos"), names(group.catalogs.get("n2")));
        }
    }

    @Test
    void aRefusalReachesTheProposerWhicheverNodeItUsed() throws Exception {
        try (ThreeNodes group = new ThreeNodes(dir, 3, 10_000, 8L << 20)) {
            group.catalogs.get("n1").createBucket(bucket("photos"));
            assertThrows(BucketExistsException.class, () -> group.catalogs.get("n2").createBucket(bucket("photos")));
            assertThrows(BucketExistsException.class, () -> group.catalogs.get("n3").createBucket(bucket("photos")));
        }
    }

    @Test
    void concurrentConditionalPutsThroughEveryNodeHaveExactlyOneWinner() throws Exception {
        try (ThreeNodes group = new ThreeNodes(dir, 3, 10_000, 8L << 20)) {
            group.catalogs.get("n1").createBucket(bucket("b"));
            ExecutorService pool = Executors.newFixedThreadPool(6);
            try {
                for (int round = 0; round < 5; round++) {
                    String key = "k" + round;
                    List<Future<Boolean>> tries = new ArrayList<>();
                    for (int i = 0; i < 6; i++) {
                        Catalog via = group.catalogs.get("n" + (1 + i % 3));
                        String body = "writer " + i;
                        tries.add(pool.submit((Callable<Boolean>) () -> {
                            try {
                                via.putObject("b", key, object(body), new WriteCondition.IfAbsent());
                                return true;
                            } catch (ConditionalWriteConflict e) {
                                return false;
                            }
                        }));
                    }
                    int wins = 0;
                    for (Future<Boolean> t : tries) {
                        if (t.get(60, TimeUnit.SECONDS)) wins++;
                    }
                    assertEquals(1, wins, "winners of " + key);
                }
            } finally {
                pool.shutdownNow();
            }
            for (String id : group.ids()) {
                group.nodes.get(id).readBarrier().get(30, TimeUnit.SECONDS);
                assertEquals(group.catalogs.get("n1").getObject("b", "k0").orElseThrow().etag(),
                        group.catalogs.get(id).getObject("b", "k0").orElseThrow().etag());
            }
        }
    }

    @Test
    void aMemberAddedAtRunTimeReceivesTheSnapshotAndThenTheLog() throws Exception {
        // A snapshot every 20 entries and 4 KiB log segments: the early log is purged, so the new
        // member can only catch up from a snapshot.
        try (ThreeNodes group = new ThreeNodes(dir, 3, 20, 4096)) {
            for (int i = 0; i < 120; i++) {
                group.catalogs.get("n" + (1 + i % 3)).createBucket(bucket("bucket-" + i));
            }
            group.peers.put("n4", "127.0.0.1:" + ThreeNodes.freePort());
            group.start("n4", true);
            group.nodes.get("n1").addMember("n4", group.peers.get("n4"));
            group.catalogs.get("n2").createBucket(bucket("after-join"));
            group.nodes.get("n4").readBarrier().get(60, TimeUnit.SECONDS);
            List<String> names = names(group.catalogs.get("n4"));
            assertEquals(121, names.size());
            assertTrue(names.contains("after-join"));
            assertEquals(Map.of("n1", group.peers.get("n1"), "n2", group.peers.get("n2"), "n3", group.peers.get("n3"),
                    "n4", group.peers.get("n4")), group.nodes.get("n2").members());
            assertTrue(snapshotInstalled(group.dir.resolve("n4")), "n4 received a snapshot file");
            for (String id : List.of("n1", "n2", "n3")) { // built before n4 existed, their clients follow the log
                assertEquals(java.util.Set.of("n1", "n2", "n3", "n4"), group.nodes.get(id).clientPeerIds(), id);
            }
            group.nodes.get("n3").removeMember("n1");
            group.stop("n1");
            group.catalogs.get("n2").createBucket(bucket("after-n1-left"));
            group.nodes.get("n4").readBarrier().get(60, TimeUnit.SECONDS);
            assertTrue(names(group.catalogs.get("n4")).contains("after-n1-left"));
            assertEquals(java.util.Set.of("n2", "n3", "n4"), group.nodes.get("n2").clientPeerIds());
        }
    }

    @Test
    void aRestartedMemberCatchesUpWithoutApplyingTwice() throws Exception {
        try (ThreeNodes group = new ThreeNodes(dir, 3, 10_000, 8L << 20)) {
            group.catalogs.get("n1").createBucket(bucket("before"));
            group.nodes.get("n3").readBarrier().get(30, TimeUnit.SECONDS);
            group.stop("n3");
            group.catalogs.get("n1").createBucket(bucket("while-down"));
            group.catalogs.get("n2").putObject("before", "k", object("v1"), new WriteCondition.None());
            group.start("n3", false);
            group.nodes.get("n3").readBarrier().get(60, TimeUnit.SECONDS);
            assertEquals(List.of("before", "while-down"), names(group.catalogs.get("n3")));
            assertEquals(group.catalogs.get("n1").getObject("before", "k").orElseThrow().etag(),
                    group.catalogs.get("n3").getObject("before", "k").orElseThrow().etag());
            assertEquals(group.nodes.get("n1").applied().index() >= group.nodes.get("n3").applied().index(), true);
        }
    }

    /**
     * The leader is stopped; the new leader's term starts a new log segment, takes a snapshot and
     * purges the old term's segment, so the entry just before the old leader's next index is gone
     * from the new leader's log (and is not the snapshot's index). Ratis 3.2.2's appender then
     * failed with "Previous TermIndex not found" and never sent the old leader anything again; it
     * must send the snapshot instead.
     */
    @Test
    void anOldLeaderReturningAfterTheNewLeaderPurgedItsTermCatchesUpBySnapshot() throws Exception {
        // One large segment per term, a snapshot (and purge) every 20 entries.
        try (ThreeNodes group = new ThreeNodes(dir, 3, 20, 8L << 20)) {
            group.catalogs.get("n1").createBucket(bucket("before"));
            String leader = group.awaitLeader();
            group.stop(leader);
            List<String> others = group.ids();
            for (int i = 0; i < 50; i++) {
                group.catalogs.get(others.get(i % 2)).createBucket(bucket("while-down-" + i));
            }
            group.start(leader, false);
            group.nodes.get(leader).readBarrier().get(60, TimeUnit.SECONDS);
            assertEquals(51, names(group.catalogs.get(leader)).size());
        }
    }

    /**
     * Ratis's gRPC server asks to end the JVM when it cannot bind its port (the surefire fork
     * exited with code 1, printing nothing, in a CI-like run; a node's process the same, the cause
     * only in its log); the node checks the port first, its start fails with a message naming the
     * port and the setting, Ratis is not asked to exit, and the node starts once the port is free.
     */
    @Test
    void aNodeWhoseRaftPortIsTakenFailsItsStartNamingThePort() throws Exception {
        try (ThreeNodes group = new ThreeNodes(dir, 1, 10_000, 8L << 20)) {
            int port = ClusterConfig.port(group.peers.get("n1"));
            group.stop("n1");
            try (ServerSocket taken = new ServerSocket(port)) {
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> group.start("n1", false));
                assertTrue(e.getMessage().contains("Raft port 127.0.0.1:" + port)
                        && e.getMessage().contains("coffer.cluster.peers"), e.getMessage());
            }
            group.start("n1", false);
            group.catalogs.get("n1").createBucket(bucket("after-the-port-was-freed"));
            assertEquals(List.of("after-the-port-was-freed"), names(group.catalogs.get("n1")));
        }
    }

    private static boolean snapshotInstalled(Path node) throws Exception {
        try (var files = java.nio.file.Files.walk(node.resolve("cluster"))) {
            return files.anyMatch(p -> p.getFileName().toString().matches("snapshot\\.\\d+_\\d+"));
        }
    }

    private static List<String> names(Catalog catalog) {
        return catalog.listBuckets().stream().map(BucketRecord::name).toList();
    }

    static BucketRecord bucket(String name) {
        return new BucketRecord(name, 42L, "us-east-1", "owner");
    }

    static ObjectRecord object(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return ObjectRecord.ofBody(bytes.length, "etag-" + body.hashCode(), 1_000L, Map.of(), Map.of(), Map.of(), bytes,
                List.of());
    }
}

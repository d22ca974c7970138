package dev.coffer.compat.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.compat.support.Awaits;
import dev.coffer.compat.support.Multipart;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Object bytes on several nodes (docs/cluster.md, "Chunks on several nodes"): three Coffer
 * processes started by {@code scripts/cluster-local.sh}, 16 MiB chunks. In order: objects of 1 KiB
 * to 64 MiB, a multipart upload and a copy written through one node read back byte-identical
 * through the others, each chunk file on all three nodes; a node marked draining receives no new
 * replica; a superseded chunk is collected on every node; after a kill -9 of one node every object
 * still reads from the other two and a new write succeeds on the two left; a replica corrupted in
 * the middle on one node and deleted on another, and every GET still answers the right bytes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterChunksIT {
    private static final int MIB = 1 << 20;
    private static final String SETTINGS = "--coffer.max-chunk-size=16777216 --coffer.gc-interval=2s --coffer.gc-grace=1s";
    @RegisterExtension
    static final LocalCluster cluster = LocalCluster.perClass(3, SETTINGS);
    private static final ClusterObjects objects = new ClusterObjects(cluster);

    @Test
    @Order(1)
    @Timeout(300)
    void objectsWrittenThroughOneNodeReadBackThroughTheOthersAndEveryChunkIsOnEveryNode() throws Exception {
        try (S3Client a = cluster.client(1); S3Client b = cluster.client(2); S3Client c = cluster.client(3)) {
            a.createBucket(r -> r.bucket("data"));
            Random random = new Random(20);
            for (int size : new int[] {1024, 200 * 1024, 9 * MIB + 7, 64 * MIB}) {
                byte[] bytes = new byte[size];
                random.nextBytes(bytes);
                String key = "object-" + size;
                objects.written(key, bytes, () -> a.putObject(r -> r.bucket("data").key(key), RequestBody.fromBytes(bytes)));
            }
            byte[][] parts = {new byte[5 * MIB], new byte[5 * MIB], new byte[MIB + 3]};
            for (byte[] part : parts) random.nextBytes(part);
            objects.written("multipart", Multipart.concat(parts), () -> Multipart.put(a, "data", "multipart", parts));
            objects.written("copy", objects.bytes("object-" + (9 * MIB + 7)), () -> b.copyObject(r -> r
                    .sourceBucket("data").sourceKey("object-" + (9 * MIB + 7)).destinationBucket("data").destinationKey("copy")));

            for (S3Client client : List.of(b, c, a)) objects.assertAllReadBack(client);
            Set<String> onOne = chunkIds(1);
            assertThat(onOne).as("chunk files of the objects past the inline threshold").hasSizeGreaterThanOrEqualTo(8);
            assertThat(chunkIds(2)).as("node 2 holds a replica of every chunk").isEqualTo(onOne);
            assertThat(chunkIds(3)).as("node 3 holds a replica of every chunk").isEqualTo(onOne);
        }
    }

    @Test
    @Order(2)
    @Timeout(300)
    void aSupersededChunkIsDeletedOnEveryReplica() throws Exception {
        try (S3Client a = cluster.client(1); S3Client b = cluster.client(2)) {
            byte[] first = new byte[300 * 1024];
            byte[] second = new byte[200 * 1024];
            new Random(30).nextBytes(first);
            new Random(31).nextBytes(second);
            objects.written("replaced", first, () -> a.putObject(r -> r.bucket("data").key("replaced"), RequestBody.fromBytes(first)));
            Set<String> old = objects.chunksOf("replaced");
            assertThat(old).isNotEmpty();
            for (int node = 1; node <= 3; node++) assertThat(chunkIds(node)).containsAll(old);
            objects.written("replaced", second, () -> b.putObject(r -> r.bucket("data").key("replaced"), RequestBody.fromBytes(second)));
            Awaits.await(() -> onAnyNode(old), any -> !any, "the collector deleting the superseded chunks", 120, 500);
            for (int node = 1; node <= 3; node++) {
                assertThat(chunkIds(node)).as("node %d after the collector ran", node).doesNotContainAnyElementsOf(old)
                        .containsAll(objects.chunksOf("replaced"));
            }
            objects.assertAllReadBack(a);
        }
    }

    private static boolean onAnyNode(Set<String> ids) {
        for (int node = 1; node <= 3; node++) {
            if (!Collections.disjoint(chunkIds(node), ids)) return true;
        }
        return false;
    }

    @Test
    @Order(3)
    @Timeout(300)
    void aNodeMarkedDrainingReceivesNoNewReplicaAndStillReadsEverything() throws Exception {
        assertThat(cluster.admin(1, "PUT", "/_coffer/cluster/draining/n2")).contains("\"draining\":[\"n2\"]");
        try (S3Client b = cluster.client(2); S3Client c = cluster.client(3)) {
            byte[] bytes = new byte[2 * MIB + 5];
            new Random(2).nextBytes(bytes);
            objects.written("while-n2-drains", bytes,
                    () -> c.putObject(r -> r.bucket("data").key("while-n2-drains"), RequestBody.fromBytes(bytes)));
            Set<String> chunks = objects.chunksOf("while-n2-drains");
            assertThat(chunks).isNotEmpty();
            assertThat(chunkIds(3)).containsAll(chunks);
            assertThat(chunkIds(2)).as("the draining node got no replica").doesNotContainAnyElementsOf(chunks);
            objects.assertAllReadBack(b);
        }
        assertThat(cluster.admin(2, "DELETE", "/_coffer/cluster/draining/n2")).contains("\"draining\":[]");
    }

    @Test
    @Order(4)
    @Timeout(300)
    void afterAKillNineEveryObjectReadsFromTheOthersAndANewWriteLandsOnTheTwoLeft() throws Exception {
        cluster.killNine(3);
        try (S3Client a = cluster.client(1); S3Client b = cluster.client(2)) {
            objects.assertAllReadBack(a);
            objects.assertAllReadBack(b);
            byte[] bytes = new byte[3 * MIB];
            new Random(3).nextBytes(bytes);
            objects.written("after-kill", bytes, () -> b.putObject(r -> r.bucket("data").key("after-kill"), RequestBody.fromBytes(bytes)));
            assertThat(chunkIds(1)).containsAll(objects.chunksOf("after-kill"));
            assertThat(chunkIds(2)).containsAll(objects.chunksOf("after-kill"));
            objects.assertAllReadBack(a);
        }
    }

    @Test
    @Order(5)
    @Timeout(300)
    void aReplicaCorruptedMidChunkOrDeletedIsSkippedAndEveryGetStillAnswersTheRightBytes() throws Exception {
        String big = "object-" + 64 * MIB;
        String mid = "object-" + (9 * MIB + 7);
        for (String id : objects.chunksOf(big)) cluster.flipByte(1, id, 5L * MIB + 11); // past the first blocks
        for (String id : objects.chunksOf(mid)) Files.delete(cluster.chunkFile(2, id));
        for (String id : objects.chunksOf("multipart")) cluster.flipByte(2, id, 70_000);
        try (S3Client a = cluster.client(1); S3Client b = cluster.client(2)) {
            // Node 2 reads `mid` from node 1 (its own is gone) and `big` from itself; node 1 reads
            // `big` from itself until the bad block, then from node 2, `multipart` from itself.
            objects.assertAllReadBack(b);
            objects.assertAllReadBack(a);
            // Ranged reads that start inside the damaged region, after the damage is found.
            assertThat(a.getObjectAsBytes(r -> r.bucket("data").key(big).range("bytes=" + 5 * MIB + "-" + (6 * MIB - 1)))
                    .asByteArray()).isEqualTo(java.util.Arrays.copyOfRange(objects.bytes(big), 5 * MIB, 6 * MIB));
        }
        assertThat(cluster.quarantined(1)).as("node 1 quarantined its bad replicas").containsAll(objects.chunksOf(big));
    }

    /** {@link LocalCluster#chunkIds}, for use in a lambda. */
    private static Set<String> chunkIds(int node) {
        try {
            return cluster.chunkIds(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

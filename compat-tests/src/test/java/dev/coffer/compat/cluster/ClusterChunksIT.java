package dev.coffer.compat.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.compat.support.Multipart;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
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
    private static LocalCluster cluster;
    /** Each object's bytes, by key, in the order written. */
    private static final Map<String, byte[]> objects = new LinkedHashMap<>();
    /** The chunk ids each object's write added, by key (the same on every node holding them). */
    private static final Map<String, Set<String>> chunksOf = new LinkedHashMap<>();

    @BeforeAll
    @Timeout(450)
    static void up() throws Exception {
        cluster = LocalCluster.up(3, SETTINGS);
    }

    @AfterAll
    static void down() throws Exception {
        if (cluster != null) cluster.close();
    }

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
                written(key, bytes, () -> a.putObject(r -> r.bucket("data").key(key), RequestBody.fromBytes(bytes)));
            }
            byte[][] parts = {new byte[5 * MIB], new byte[5 * MIB], new byte[MIB + 3]};
            for (byte[] part : parts) random.nextBytes(part);
            written("multipart", Multipart.concat(parts), () -> Multipart.put(a, "data", "multipart", parts));
            written("copy", objects.get("object-" + (9 * MIB + 7)), () -> b.copyObject(r -> r
                    .sourceBucket("data").sourceKey("object-" + (9 * MIB + 7)).destinationBucket("data").destinationKey("copy")));

            for (S3Client client : List.of(b, c, a)) assertAllReadBack(client);
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
            written("replaced", first, () -> a.putObject(r -> r.bucket("data").key("replaced"), RequestBody.fromBytes(first)));
            Set<String> old = chunksOf.get("replaced");
            assertThat(old).isNotEmpty();
            for (int node = 1; node <= 3; node++) assertThat(chunkIds(node)).containsAll(old);
            written("replaced", second, () -> b.putObject(r -> r.bucket("data").key("replaced"), RequestBody.fromBytes(second)));
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < deadline && onAnyNode(old)) Thread.sleep(500);
            for (int node = 1; node <= 3; node++) {
                assertThat(chunkIds(node)).as("node %d after the collector ran", node).doesNotContainAnyElementsOf(old)
                        .containsAll(chunksOf.get("replaced"));
            }
            assertAllReadBack(a);
        }
    }

    private static boolean onAnyNode(Set<String> ids) throws IOException {
        for (int node = 1; node <= 3; node++) {
            for (String id : chunkIds(node)) if (ids.contains(id)) return true;
        }
        return false;
    }

    @Test
    @Order(3)
    @Timeout(300)
    void aNodeMarkedDrainingReceivesNoNewReplicaAndStillReadsEverything() throws Exception {
        assertThat(curl(1, "PUT", "/_coffer/cluster/draining/n2")).contains("\"draining\":[\"n2\"]");
        try (S3Client b = cluster.client(2); S3Client c = cluster.client(3)) {
            byte[] bytes = new byte[2 * MIB + 5];
            new Random(2).nextBytes(bytes);
            written("while-n2-drains", bytes,
                    () -> c.putObject(r -> r.bucket("data").key("while-n2-drains"), RequestBody.fromBytes(bytes)));
            Set<String> chunks = chunksOf.get("while-n2-drains");
            assertThat(chunks).isNotEmpty();
            assertThat(chunkIds(3)).containsAll(chunks);
            assertThat(chunkIds(2)).as("the draining node got no replica").doesNotContainAnyElementsOf(chunks);
            assertAllReadBack(b);
        }
        assertThat(curl(2, "DELETE", "/_coffer/cluster/draining/n2")).contains("\"draining\":[]");
    }

    @Test
    @Order(4)
    @Timeout(300)
    void afterAKillNineEveryObjectReadsFromTheOthersAndANewWriteLandsOnTheTwoLeft() throws Exception {
        cluster.killNine(3);
        try (S3Client a = cluster.client(1); S3Client b = cluster.client(2)) {
            assertAllReadBack(a);
            assertAllReadBack(b);
            byte[] bytes = new byte[3 * MIB];
            new Random(3).nextBytes(bytes);
            written("after-kill", bytes, () -> b.putObject(r -> r.bucket("data").key("after-kill"), RequestBody.fromBytes(bytes)));
            assertThat(chunkIds(1)).containsAll(chunksOf.get("after-kill"));
            assertThat(chunkIds(2)).containsAll(chunksOf.get("after-kill"));
            assertAllReadBack(a);
        }
    }

    @Test
    @Order(5)
    @Timeout(300)
    void aReplicaCorruptedMidChunkOrDeletedIsSkippedAndEveryGetStillAnswersTheRightBytes() throws Exception {
        String big = "object-" + 64 * MIB;
        String mid = "object-" + (9 * MIB + 7);
        for (String id : chunksOf.get(big)) flipByte(chunkFile(1, id), 5L * MIB + 11); // past the first blocks
        for (String id : chunksOf.get(mid)) Files.delete(chunkFile(2, id));
        for (String id : chunksOf.get("multipart")) flipByte(chunkFile(2, id), 70_000);
        try (S3Client a = cluster.client(1); S3Client b = cluster.client(2)) {
            // Node 2 reads `mid` from node 1 (its own is gone) and `big` from itself; node 1 reads
            // `big` from itself until the bad block, then from node 2, `multipart` from itself.
            assertAllReadBack(b);
            assertAllReadBack(a);
            // Ranged reads that start inside the damaged region, after the damage is found.
            assertThat(a.getObjectAsBytes(r -> r.bucket("data").key(big).range("bytes=" + 5 * MIB + "-" + (6 * MIB - 1)))
                    .asByteArray()).isEqualTo(java.util.Arrays.copyOfRange(objects.get(big), 5 * MIB, 6 * MIB));
        }
        assertThat(quarantined(1)).as("node 1 quarantined its bad replicas").containsAll(chunksOf.get(big));
    }

    /** A root-signed request to node {@code i}'s reserved path, by curl as an operator sends it. */
    private static String curl(int i, String method, String path) throws Exception {
        Process p = new ProcessBuilder("curl", "-sf", "-m", "60", "-X", method, "--aws-sigv4", "aws:amz:us-east-1:s3",
                "--user", LocalCluster.ACCESS_KEY + ":" + LocalCluster.SECRET_KEY,
                "-H", "x-amz-content-sha256: UNSIGNED-PAYLOAD", cluster.endpoints.get(i - 1).resolve(path).toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("curl -X %s %s: %s", method, path, out).isZero();
        return out;
    }

    private interface Write {
        void run() throws Exception;
    }

    private static void written(String key, byte[] bytes, Write write) throws Exception {
        Set<String> before = chunkIds(1);
        write.run();
        Set<String> added = new HashSet<>(chunkIds(1));
        added.removeAll(before);
        objects.put(key, bytes);
        chunksOf.put(key, added);
    }

    private static void assertAllReadBack(S3Client client) throws Exception {
        for (Map.Entry<String, byte[]> o : objects.entrySet()) {
            byte[] got = client.getObjectAsBytes(r -> r.bucket("data").key(o.getKey())).asByteArray();
            assertThat(got.length).as("length of %s", o.getKey()).isEqualTo(o.getValue().length);
            assertThat(sha256(got)).as("bytes of %s", o.getKey()).isEqualTo(sha256(o.getValue()));
        }
    }

    private static Path store(int node) {
        return cluster.store(node);
    }

    private static Set<String> chunkIds(int node) throws IOException {
        return cluster.chunkIds(node);
    }

    private static Set<String> quarantined(int node) throws IOException {
        try (Stream<Path> files = Files.list(store(node).resolve("quarantine"))) {
            Set<String> out = new HashSet<>();
            files.forEach(p -> out.add(p.getFileName().toString()));
            return out;
        }
    }

    private static Path chunkFile(int node, String id) {
        return cluster.chunkFile(node, id);
    }

    private static void flipByte(Path file, long offset) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            long at = Math.min(offset, f.length() / 2);
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0x40);
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}

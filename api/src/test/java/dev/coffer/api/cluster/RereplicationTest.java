package dev.coffer.api.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.metadata.BucketRecord;
import dev.coffer.metadata.Catalog;
import dev.coffer.metadata.ChunkPointer;
import dev.coffer.metadata.ObjectRecord;
import dev.coffer.metadata.WriteCondition;
import dev.coffer.storage.ChunkRef;
import dev.coffer.storage.ChunkStore;
import dev.coffer.storage.ChunkWriter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Re-replication by the leader (n1, which holds no replica) with real transfer endpoints on
 * loopback and a real catalogue: a copy is pushed by a node that holds the chunk straight to the
 * target, and none of its bytes passes through the leader.
 */
class RereplicationTest {
    private static final Set<String> MEMBERS = Set.of("n1", "n2", "n3", "n4");
    @TempDir Path dir;
    private LoopbackNodes nodes;
    private Catalog catalog;

    @BeforeEach
    void open() throws IOException {
        nodes = new LoopbackNodes(dir.resolve("nodes"));
        catalog = Catalog.open(dir.resolve("catalog"), false);
        catalog.createBucket(new BucketRecord("b", 1, "us-east-1", "o"));
        nodes.member("n1", false);
        nodes.member("n3", false);
    }

    @AfterEach
    void close() {
        nodes.close();
        catalog.close();
    }

    /** A chunk of {@code size} random bytes written on {@code holders}, named by key k's record as held by them. */
    private ChunkRef stored(int size, List<String> holders) throws IOException {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        ChunkRef chunk;
        try (ChunkWriter writer = nodes.store(holders.get(0)).newWriter()) {
            writer.write(ByteBuffer.wrap(bytes));
            chunk = writer.finish().get(0);
        }
        for (String other : holders.subList(1, holders.size())) {
            try (FileChannel file = nodes.store(holders.get(0)).openFile(chunk.id())) {
                nodes.store(other).receive(chunk.id(), Channels.newInputStream(file), file.size());
            }
        }
        catalog.putObject("b", "k", ObjectRecord.ofBody(chunk.length(), "e", 1, Map.of(), Map.of(), Map.of(), null,
                List.of(new ChunkPointer(chunk.id().value(), chunk.length(), holders))), WriteCondition.NONE);
        return chunk;
    }

    private Rereplication leader() throws IOException {
        return leader(Set.of());
    }

    private Rereplication leader(Set<String> presumedDead) throws IOException {
        return new Rereplication(catalog, nodes.store("n1"), "n1", nodes.peers("n1"),
                () -> new ReplicaSets(MEMBERS, Set.of(), presumedDead, 3), 1L << 40, Duration.ofMinutes(1));
    }

    private List<String> replicasNow(ChunkRef chunk) {
        return catalog.chunkReplicas().of(new ChunkPointer(chunk.id().value(), chunk.length(), List.of()));
    }

    @Test
    void aCopyIsPushedByAHolderStraightToTheTargetAndNoByteOfItPassesThroughTheLeader() throws Exception {
        nodes.member("n2", false);
        nodes.absent("n4");
        ChunkRef chunk = stored(700_000, List.of("n2"));
        long fileSize = ChunkStore.fileSize(chunk.length());

        leader().step();

        assertThat(replicasNow(chunk)).as("the set committed (n4 cannot be reached)").containsExactlyInAnyOrder("n2", "n1", "n3");
        for (String node : List.of("n1", "n3")) {
            assertThat(nodes.store(node).listChunks()).as("a whole copy on %s", node).containsExactly(chunk.id());
            try (var reader = nodes.store(node).openReader(chunk.id())) {
                assertThat(reader).isNotNull(); // opening checks the footer; the receiver checked every block
            }
        }
        assertThat(nodes.traffic("n2").sent()).as("bytes the holder sent: one file to n1, one to n3").isEqualTo(2 * fileSize);
        assertThat(nodes.traffic("n1").sent()).as("bytes the leader sent").isZero();
        assertThat(nodes.traffic("n1").fetched()).as("bytes the leader fetched").isZero();
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        nodes.traffic("n2").bindTo(metrics);
        assertThat(metrics.scrape()).as("the holder's metrics")
                .contains("coffer_cluster_chunk_bytes_total{direction=\"sent\"} " + (double) (2 * fileSize))
                .contains("coffer_cluster_chunk_bytes_total{direction=\"fetched\"} 0.0");
    }

    @Test
    void aHolderThatHasLostItsFileIsPassedOverForAnotherHolderThatPushes() throws Exception {
        nodes.member("n2", false);
        nodes.member("n4", false);
        ChunkRef chunk = stored(300_000, List.of("n4", "n2"));
        nodes.store("n2").delete(chunk.id());
        long fileSize = ChunkStore.fileSize(chunk.length());

        leader().step();

        List<String> now = replicasNow(chunk);
        assertThat(now).as("one new replica, on n1 or n3").hasSize(3).containsAll(List.of("n4", "n2"));
        String added = now.stream().filter(n -> !n.equals("n4") && !n.equals("n2")).findFirst().orElseThrow();
        assertThat(nodes.store(added).listChunks()).containsExactly(chunk.id());
        assertThat(nodes.traffic("n4").sent()).as("the holder that has it pushed it").isEqualTo(fileSize);
        assertThat(nodes.traffic("n1").sent() + nodes.traffic("n1").fetched()).as("bytes through the leader").isZero();
    }

    @Test
    void aChunkOnAMemberPresumedDeadGetsACopyElsewhereAndLosesItWhenTheMemberCountsAgain() throws Exception {
        nodes.absent("n2");
        nodes.member("n4", false);
        ChunkRef chunk = stored(200_000, List.of("n1", "n3"));
        catalog.chunkReplicas().set(chunk.id().value(), List.of("n1", "n3"), List.of("n1", "n3", "n2"));

        leader(Set.of("n2")).step();
        assertThat(replicasNow(chunk)).as("n2 stays named, uncounted; n4 takes a copy").containsExactly("n1", "n3", "n2", "n4");
        assertThat(nodes.store("n4").listChunks()).containsExactly(chunk.id());

        leader().step(); // n2 answers again: one replica beyond the target, the last named leaves
        assertThat(replicasNow(chunk)).containsExactly("n1", "n3", "n2");
        assertThat(nodes.store("n4").listChunks()).as("the copy made meanwhile is deleted").isEmpty();
    }
}

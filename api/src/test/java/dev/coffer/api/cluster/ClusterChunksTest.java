package dev.coffer.api.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.storage.ChunkId;
import dev.coffer.storage.ChunkRef;
import dev.coffer.storage.ChunkWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chunks streamed to their replicas while written, with real transfer endpoints on loopback: a
 * replica that fails (one answering 500 after the stream, one not listening) is replaced by
 * another member; when too few are left the write fails and no copy stays anywhere; closing it
 * stops its threads.
 */
class ClusterChunksTest {
    private static final List<String> MEMBERS = List.of("n1", "n2", "n3", "n4");
    @TempDir Path dir;
    private LoopbackNodes nodes;
    private final List<ClusterChunks> opened = new ArrayList<>();

    @BeforeEach
    void start() throws java.io.IOException {
        nodes = new LoopbackNodes(dir);
    }

    @AfterEach
    void stop() {
        opened.forEach(ClusterChunks::close);
        nodes.close();
    }

    private void member(String node, boolean broken) throws IOException {
        nodes.member(node, broken);
    }

    private ClusterChunks writer() throws IOException {
        PeerChunks peers = nodes.peers("n1");
        ClusterChunks chunks = new ClusterChunks(nodes.store("n1"), "n1", 3, () -> MEMBERS, Set::of, peers,
                new PeerSpace(peers, "n1", () -> MEMBERS), dev.coffer.metadata.ChunkPointer::replicas);
        opened.add(chunks);
        return chunks;
    }

    private static List<ChunkRef> write(ClusterChunks chunks, int size) throws IOException {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        try (ChunkWriter writer = chunks.newWriter(null)) {
            for (int at = 0; at < size; at += 50_000) writer.write(ByteBuffer.wrap(bytes, at, Math.min(50_000, size - at)));
            return writer.finish();
        }
    }

    private List<ChunkId> on(String node) throws IOException {
        return nodes.store(node).listChunks();
    }

    @Test
    void aReplicaThatFailsIsReplacedByAnotherMemberAndNoNodeIsNamedTwice() throws IOException {
        member("n2", false);
        member("n3", true);
        member("n4", false);
        ClusterChunks chunks = writer();
        List<ChunkRef> placed = chunks.replicate(write(chunks, 5 * (1 << 20) + 7)); // six chunks of at most 1 MiB
        assertThat(placed).hasSize(6);
        for (ChunkRef ref : placed) {
            assertThat(ref.replicas()).as("this node and the two that answered").containsExactlyInAnyOrder("n1", "n2", "n4");
        }
        List<ChunkId> ids = placed.stream().map(ChunkRef::id).toList();
        assertThat(on("n2")).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(on("n4")).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void tooFewMembersLeftFailsTheWriteAndLeavesNoCopyAnywhere() throws Exception {
        member("n2", false);
        member("n3", true);
        nodes.absent("n4");
        ClusterChunks chunks = writer();
        List<ChunkRef> written = write(chunks, 3 * (1 << 20));
        assertThatThrownBy(() -> chunks.replicate(written)).isInstanceOfSatisfying(S3Exception.class,
                e -> assertThat(e.code()).isEqualTo(S3ErrorCode.ServiceUnavailable));
        assertThat(on("n1")).as("nothing published here").isEmpty();
        for (int i = 0; i < 100 && !on("n2").isEmpty(); i++) Thread.sleep(100); // deleted in the background
        assertThat(on("n2")).as("the copies made are deleted").isEmpty();
        assertThat(Files.list(dir.resolve("n2").resolve("tmp")).toList()).isEmpty();
    }

    @Test
    void closingStopsItsSendingAndFreeSpaceThreadsEachTimeItRuns() throws Exception {
        member("n2", false);
        member("n3", false);
        Set<Thread> before = threadsOfClusterChunks();
        for (int round = 1; round <= 2; round++) {
            ClusterChunks chunks = writer();
            chunks.replicate(write(chunks, 3 * (1 << 20)));
            Set<Thread> started = threadsOfClusterChunks();
            started.removeAll(before);
            assertThat(started).as("round %d: its threads while it runs", round).isNotEmpty();
            chunks.close();
            opened.remove(chunks);
            for (Thread t : started) t.join(5_000); // bounded: they end once their pools are shut down
            assertThat(started).as("round %d: threads alive after close", round).filteredOn(Thread::isAlive).isEmpty();
        }
    }

    private static Set<Thread> threadsOfClusterChunks() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("coffer-chunk-send") || t.getName().equals("coffer-peer-space"))
                .collect(Collectors.toSet());
    }
}

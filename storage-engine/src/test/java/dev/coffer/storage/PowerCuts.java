package dev.coffer.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs a write with the power cut before its 0th, 1st, … durability call ({@link PowerLossOps}),
 * until a run gets through; after each cut the store is opened as the next start finds it and
 * checked against what the write had acknowledged before the cut.
 */
final class PowerCuts {
    /** A write; it adds each write's chunks to {@code acked} as that write returns (is acknowledged). */
    interface Write {
        void run(ChunkStore store, List<List<ChunkRef>> acked) throws IOException;
    }

    /** What must hold after the cut, given the writes acknowledged before it. */
    interface Check {
        void check(ChunkStore store, List<List<ChunkRef>> acked, String at) throws IOException;
    }

    private PowerCuts() {}

    /** @return the durability calls of the write when nothing cuts it */
    static int everyCut(Path dir, String name, long maxChunk, Write write, Check check) throws IOException {
        for (int cut = 0; cut < 200; cut++) {
            Path root = dir.resolve(name + "-cut-" + cut);
            PowerLossOps ops = new PowerLossOps(root);
            List<List<ChunkRef>> acked = new ArrayList<>();
            boolean through = false;
            try (ChunkStore store = ops.open(maxChunk)) {
                ops.cutPowerAfter(cut);
                try {
                    write.run(store, acked);
                    through = true;
                } catch (PowerLossOps.PowerCut expected) {
                    // the process is gone; nothing else of it runs
                }
            }
            ops.powerLoss();
            String at = name + ": power cut before durability call " + cut;
            try (ChunkStore store = ChunkStore.open(root, maxChunk)) {
                check.check(store, acked, at);
                assertEquals(List.of(), TestChunks.filesUnder(root.resolve("tmp")), at + ": tmp/ emptied");
            }
            if (through) return cut;
        }
        throw new AssertionError(name + ": still cut after 200 durability calls");
    }

    /**
     * The common check: every chunk left reads back (through {@code key}, null: plain) as one of
     * {@code written} whole, and every acknowledged write's chunks are there and read back.
     */
    static void onlyWholeChunksAndEveryAcknowledgedOne(ChunkStore store, DataKey key, List<byte[]> written,
                                                       List<List<ChunkRef>> acked, String at) throws IOException {
        Set<ChunkId> left = new HashSet<>(store.listChunks());
        for (ChunkId id : left) {
            long length;
            try (ChunkReader reader = store.openReader(id, key)) {
                length = reader.length();
            }
            byte[] read = TestChunks.readAll(store, List.of(new ChunkRef(id, length)), key);
            assertTrue(written.stream().anyMatch(p -> Arrays.equals(p, read)), at + ": chunk " + id + " is a written one, whole");
        }
        for (List<ChunkRef> refs : acked) {
            for (ChunkRef ref : refs) assertTrue(left.contains(ref.id()), at + ": acknowledged chunk " + ref.id() + " survives");
        }
    }

    /** {@code bytes} cut into pieces of {@code size} (the last may be short): the payloads of its chunks. */
    static List<byte[]> slices(byte[] bytes, int size) {
        List<byte[]> out = new ArrayList<>();
        for (int at = 0; at < bytes.length; at += size) out.add(Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + size)));
        return out;
    }

    static void assertAtLeast(int expected, int calls, String what) {
        assertTrue(calls >= expected, what + ": durability calls " + calls + " < " + expected);
    }
}

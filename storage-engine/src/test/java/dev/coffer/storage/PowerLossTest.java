package dev.coffer.storage;

import static dev.coffer.storage.PowerCuts.slices;
import static dev.coffer.storage.TestChunks.*;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A power cut loses whatever was not forced and every directory entry not fsynced
 * ({@link PowerLossOps}); a process kill (the compat CrashRecoveryIT) cannot show that, since the
 * page cache outlives the process. Here: what {@code finish()} returned survives, what it had not
 * returned yet is either gone or complete, and a store without a real force is caught.
 */
class PowerLossTest {
    private static final int MAX_CHUNK = 2 * BLOCK;

    @TempDir Path dir;

    @Test
    void publishedChunksSurvivePowerLossWhileUnfinishedWritesAreDiscarded() throws IOException {
        Path root = dir.resolve("store");
        PowerLossOps ops = new PowerLossOps(root);
        byte[] published = randomBytes(5 * BLOCK + 7, 1);
        List<ChunkRef> refs;
        ChunkWriter unfinished;
        try (ChunkStore store = ChunkStore.open(root, MAX_CHUNK, ops)) {
            refs = writeAll(store, published, 40_000);
            unfinished = store.newWriter();
            // one full chunk sealed and forced in tmp/, and a second one half written
            unfinished.write(ByteBuffer.wrap(randomBytes(MAX_CHUNK + BLOCK + 5, 2)));
        }
        ops.powerLoss();

        try (ChunkStore store = ChunkStore.open(root, MAX_CHUNK)) {
            assertEquals(ids(refs), new HashSet<>(store.listChunks()));
            assertArrayEquals(published, readAll(store, refs));
            assertEquals(List.of(), filesUnder(root.resolve("tmp")));
        }
        unfinished.abort();
    }

    @Test
    void aPowerCutAtAnyDurabilityCallLeavesOnlyCompleteChunks() throws IOException {
        byte[] bytes = randomBytes(2 * MAX_CHUNK + BLOCK / 3, 3);
        List<byte[]> payloads = slices(bytes, MAX_CHUNK);
        List<ChunkRef> returned = null;
        int cut = 0;
        // cut before the 0th, 1st, … durability call of one write, until the write gets through
        for (; returned == null && cut < 50; cut++) {
            Path root = dir.resolve("cut-" + cut);
            PowerLossOps ops = new PowerLossOps(root);
            try (ChunkStore store = ChunkStore.open(root, MAX_CHUNK, ops)) {
                ops.cutPowerAfter(cut);
                ChunkWriter writer = store.newWriter(); // abandoned on a cut, as by a dead process
                try {
                    writer.write(ByteBuffer.wrap(bytes));
                    returned = writer.finish();
                } catch (PowerLossOps.PowerCut expected) {
                    // the process is gone; nothing else of it runs
                }
            }
            ops.powerLoss();

            try (ChunkStore store = ChunkStore.open(root, MAX_CHUNK)) {
                String at = "power cut before durability call " + cut;
                List<ChunkId> survivors = store.listChunks();
                for (ChunkId id : survivors) {
                    long length;
                    try (ChunkReader reader = store.openReader(id)) {
                        length = reader.length();
                    }
                    byte[] read = readAll(store, List.of(new ChunkRef(id, length)));
                    assertTrue(payloads.stream().anyMatch(p -> Arrays.equals(p, read)),
                            at + ": surviving chunk " + id + " is one of the written chunks, whole");
                }
                if (returned != null) {
                    assertEquals(ids(returned), new HashSet<>(survivors), at + ": finish() returned, all survive");
                    assertArrayEquals(bytes, readAll(store, returned), at);
                }
                assertEquals(List.of(), filesUnder(root.resolve("tmp")), at);
            }
        }
        assertNotNull(returned, "the write gets through once the cut comes after its last call");
        // 3 chunks: a force and a rename each; at least one fsync of chunks/ and one of a prefix dir
        assertTrue(cut - 1 >= 3 + 3 + 2, "durability calls of one write: " + (cut - 1));
    }

    @Test
    void aForceThatDoesNotReachTheDiskIsCaughtByTheModel() throws IOException {
        Path root = dir.resolve("lying-disk");
        PowerLossOps ops = new PowerLossOps(root).withForceThatDoesNothing();
        List<ChunkRef> refs;
        try (ChunkStore store = ChunkStore.open(root, MAX_CHUNK, ops)) {
            refs = writeAll(store, randomBytes(BLOCK + 1, 4), BLOCK);
        }
        ops.powerLoss();

        try (ChunkStore store = ChunkStore.open(root, MAX_CHUNK)) {
            // the name was made durable but the bytes were not: an empty file, refused on open
            assertThrows(ChunkCorruptedException.class, () -> store.openReader(refs.get(0).id()));
        }
    }

    private static Set<ChunkId> ids(List<ChunkRef> refs) {
        Set<ChunkId> ids = new HashSet<>();
        for (ChunkRef ref : refs) ids.add(ref.id());
        return ids;
    }
}

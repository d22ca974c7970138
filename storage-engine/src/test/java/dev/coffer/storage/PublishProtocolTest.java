package dev.coffer.storage;

import static dev.coffer.storage.TestChunks.*;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The order of force, rename and directory fsync, and what a failure at each step leaves. */
class PublishProtocolTest {
    @TempDir Path root;

    @Test
    void everyChunkIsForcedBeforeItsRenameAndItsDirectoryFsyncedAfter() throws IOException {
        RecordingOps ops = new RecordingOps(root);
        try (ChunkStore store = ChunkStore.open(root, BLOCK, ops)) {
            ops.events.clear();
            List<ChunkRef> refs = writeAll(store, randomBytes(3 * BLOCK, 1), 40_000);
            List<String> events = ops.events;
            for (ChunkRef ref : refs) {
                String id = ref.id().value();
                String dir = "chunks/" + id.substring(0, 2);
                int force = events.indexOf("force tmp/" + id + ".part");
                int move = events.indexOf("move tmp/" + id + ".part " + dir + "/" + id);
                int newDirDurable = events.indexOf("fsync chunks");
                int dirFsync = events.lastIndexOf("fsync " + dir);
                assertTrue(force >= 0 && force < move, events::toString);
                assertTrue(newDirDurable >= 0 && newDirDurable < move, events::toString);
                assertTrue(move < dirFsync, events::toString);
            }
            assertEquals(3, events.stream().filter(e -> e.startsWith("force")).count());
        }
    }

    @Test
    void prefixDirectoryIsMadeDurableOncePerProcess() throws IOException {
        RecordingOps ops = new RecordingOps(root);
        try (ChunkStore store = ChunkStore.open(root, MIB, ops)) {
            for (int i = 0; i < 300; i++) writeAll(store, new byte[1], 1);
            long chunksDirFsyncs = ops.events.stream().filter(e -> e.equals("fsync chunks")).count();
            assertTrue(chunksDirFsyncs <= 256, "fsyncs of chunks/: " + chunksDirFsyncs);
        }
    }

    @Test
    void failedRenameInFinishPublishesNothingAndLeavesNoTempFile() throws IOException {
        assertFinishFailureLeavesNothing(new RecordingOps(root).failOn("move", 1));
    }

    @Test
    void failedDirectoryFsyncInFinishPublishesNothing() throws IOException {
        assertFinishFailureLeavesNothing(new RecordingOps(root).failOn("fsync chunks/", 0));
    }

    @Test
    void failedForceOfTheLastChunkPublishesNothing() throws IOException {
        assertFinishFailureLeavesNothing(new RecordingOps(root).failOn("force", 2));
    }

    @Test
    void failedForceDuringRollOverAbortsTheWriter() throws IOException {
        RecordingOps ops = new RecordingOps(root).failOn("force", 0);
        try (ChunkStore store = ChunkStore.open(root, BLOCK, ops)) {
            ChunkWriter writer = store.newWriter();
            assertThrows(IOException.class, () -> writer.write(ByteBuffer.wrap(new byte[BLOCK + 1])));
            assertEquals(List.of(), filesUnder(root.resolve("tmp")));
            assertThrows(IllegalStateException.class, () -> writer.write(ByteBuffer.wrap(new byte[1])));
            assertEquals(List.of(), store.listChunks());
        }
    }

    private void assertFinishFailureLeavesNothing(RecordingOps ops) throws IOException {
        try (ChunkStore store = ChunkStore.open(root, BLOCK, ops)) {
            ChunkWriter writer = store.newWriter();
            writer.write(ByteBuffer.wrap(randomBytes(2 * BLOCK + 1, 2)));
            IOException e = assertThrows(IOException.class, writer::finish);
            assertTrue(e.getMessage().startsWith("injected"), e.getMessage());
            assertEquals(List.of(), filesUnder(root.resolve("tmp")));
            assertEquals(List.of(), store.listChunks());
            assertThrows(IllegalStateException.class, writer::finish);
        }
    }
}

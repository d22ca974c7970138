package dev.coffer.storage;

import static dev.coffer.storage.TestChunks.*;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A full disk refuses writes before anything is stored, and a write it fails leaves nothing. */
class DiskFullTest {
    @TempDir Path root;

    private final AtomicLong usable = new AtomicLong(10 * MIB);

    private ChunkStore open(DurabilityOps ops, long reserve) throws IOException {
        return ChunkStore.open(root, BLOCK, ops, reserve, usable::get);
    }

    @Test
    void writesAreRefusedWhileTheReserveIsNotFreeAndAcceptedOnceItIs() throws IOException {
        try (ChunkStore store = open(DurabilityOps.REAL, 4 * MIB)) {
            store.requireRoom(6 * MIB);
            StorageFullException e = assertThrows(StorageFullException.class, () -> store.requireRoom(6 * MIB + 1));
            assertEquals(10 * MIB, e.usableBytes());
            assertEquals(4 * MIB, e.reserveBytes());
            usable.set(4 * MIB - 1);
            assertThrows(StorageFullException.class, store::newWriter);
            assertEquals(List.of(), filesUnder(root.resolve("tmp")));
            usable.set(5 * MIB); // room again (an operator deleted something): no restart needed
            byte[] bytes = randomBytes(BLOCK + 1, 4);
            assertArrayEquals(bytes, readAll(store, writeAll(store, bytes, 1000)));
        }
    }

    @Test
    void aLongWriteStopsAtTheChunkThatWouldEatTheReserveAndLeavesNoTempFile() throws IOException {
        try (ChunkStore store = open(DurabilityOps.REAL, 4 * MIB); ChunkWriter writer = store.newWriter()) {
            writer.write(ByteBuffer.wrap(randomBytes(BLOCK, 1))); // fills the first chunk
            usable.set(MIB);
            assertThrows(StorageFullException.class, () -> writer.write(ByteBuffer.wrap(new byte[1])));
            assertEquals(List.of(), filesUnder(root.resolve("tmp")), "the written chunk is discarded");
            assertEquals(List.of(), store.listChunks());
        }
    }

    @Test
    void enospcFromAnFsyncIsReportedAsDiskFullAndNothingIsPublished() throws IOException {
        RecordingOps ops = new RecordingOps(root).diskFullOn("force", 0);
        try (ChunkStore store = open(ops, 0); ChunkWriter writer = store.newWriter()) {
            writer.write(ByteBuffer.wrap(randomBytes(BLOCK / 2, 2)));
            StorageFullException e = assertThrows(StorageFullException.class, writer::finish);
            assertTrue(e.getCause().getMessage().startsWith("No space left on device"), e.getCause().getMessage());
            assertEquals(List.of(), filesUnder(root.resolve("tmp")));
            assertEquals(List.of(), store.listChunks());
        }
    }

    @Test
    void anyOtherFailureKeepsItsOwnException() throws IOException {
        RecordingOps ops = new RecordingOps(root).failOn("force", 0);
        try (ChunkStore store = open(ops, 0); ChunkWriter writer = store.newWriter()) {
            writer.write(ByteBuffer.wrap(randomBytes(10, 3)));
            IOException e = assertThrows(IOException.class, writer::finish);
            assertFalse(e instanceof StorageFullException, e.toString());
        }
    }
}

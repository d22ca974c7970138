package dev.coffer.storage;

import static dev.coffer.storage.TestChunks.*;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chunk file whose read fails with an I/O error (EIO, as a bad sector answers) is handled as a
 * failed CRC check: the read aborts with no byte of the failed block, the chunk is quarantined
 * and the store counts it. A read cut by the reader's own close (a cancelled download) is not.
 */
class ReadErrorTest {
    static final int SIZE = 3 * BLOCK + 100;
    @TempDir Path root;
    /** A bad sector: reads that touch this file offset fail with EIO; -1: none. */
    final AtomicLong badByte = new AtomicLong(-1);
    ChunkStore store;
    byte[] payload;
    ChunkId id;

    @BeforeEach
    void writeOneChunk() throws IOException {
        store = ChunkStore.open(root, 64 * MIB, DurabilityOps.REAL, 0, null, (channel, dst, position) -> {
            long bad = badByte.get();
            if (bad >= position && bad < position + dst.remaining()) throw new IOException("Input/output error");
            return channel.read(dst, position);
        });
        payload = randomBytes(SIZE, 22);
        id = writeAll(store, payload, 10_000).get(0).id();
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void anIoErrorInABlockAbortsTheReadAtItQuarantinesTheChunkAndIsCounted() throws IOException {
        try (ChunkReader reader = store.openReader(id)) {
            ByteBuffer first = ByteBuffer.allocateDirect(BLOCK);
            assertEquals(BLOCK, reader.read(0, first));
            assertEquals(ByteBuffer.wrap(payload, 0, BLOCK), first.flip());
            badByte.set(BLOCK + 10);
            ByteBuffer rest = ByteBuffer.allocateDirect(2 * BLOCK);
            ChunkUnreadableException e = assertThrows(ChunkUnreadableException.class, () -> reader.read(BLOCK, rest));
            assertEquals(id, e.chunk());
            assertEquals(0, rest.position(), "no byte of the failed read is returned");
            assertTrue(e.getMessage().contains("Input/output error"), e.getMessage());
            badByte.set(-1);
            assertThrows(ChunkCorruptedException.class, () -> reader.read(0, ByteBuffer.allocate(BLOCK)),
                    "the reader that met the error trusts nothing of the chunk any more");
        }
        assertQuarantined();
        assertEquals(1, store.readErrors());
        assertTrue(store.lastReadError().orElseThrow().contains(id.value()));
    }

    @Test
    void anIoErrorOnTheFooterFailsTheOpenAndQuarantines() throws IOException {
        badByte.set(SIZE + 2); // in the CRC table
        assertThrows(ChunkUnreadableException.class, () -> store.openReader(id));
        assertQuarantined();
        assertEquals(1, store.readErrors());
    }

    @Test
    void aBulkReadThatFailsZeroesWhatItReadAndReturnsNothing() throws IOException {
        try (ChunkReader reader = store.openReader(id)) {
            badByte.set(2 * BLOCK + 1);
            ByteBuffer dst = ByteBuffer.allocate(3 * BLOCK);
            assertThrows(ChunkUnreadableException.class, () -> reader.read(0, dst));
            assertEquals(0, dst.position());
            assertTrue(Arrays.equals(new byte[3 * BLOCK], dst.array()), "the unchecked bytes that arrived are wiped");
        }
        assertQuarantined();
    }

    @Test
    void aReadCutByClosingTheReaderIsNoReadErrorAndQuarantinesNothing() throws IOException {
        ChunkStore closing = reopenWith((channel, dst, position) -> {
            throw new AsynchronousCloseException();
        });
        assertThrows(AsynchronousCloseException.class, () -> closing.openReader(id));
        assertTrue(Files.exists(chunkFile(root, id)), "still in service");
        assertEquals(0, closing.readErrors());
        assertTrue(closing.lastReadError().isEmpty());
    }

    private ChunkStore reopenWith(ChunkFileReads.Read read) throws IOException {
        store.close();
        store = ChunkStore.open(root, 64 * MIB, DurabilityOps.REAL, 0, null, read);
        return store;
    }

    private void assertQuarantined() throws IOException {
        assertThrows(NoSuchFileException.class, () -> store.openReader(id));
        assertTrue(Files.exists(root.resolve("quarantine").resolve(id.value())));
    }
}

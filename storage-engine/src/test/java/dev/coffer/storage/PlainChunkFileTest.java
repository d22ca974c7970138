package dev.coffer.storage;

import static dev.coffer.storage.TestChunks.*;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plain chunk's file handed out for sendfile: its bytes are the payload, verify checks every
 * block a range touches, a damaged one is refused (and quarantined) as a read refuses it, and an
 * encrypted chunk has no such file.
 */
class PlainChunkFileTest {
    static final int SIZE = 20 * BLOCK + 100; // twenty whole blocks and a short last one
    @TempDir Path root;
    ChunkStore store;
    byte[] payload;
    ChunkId id;

    @BeforeEach
    void writeOneChunk() throws IOException {
        store = ChunkStore.open(root, 64 * MIB);
        payload = randomBytes(SIZE, 7);
        id = writeAll(store, payload, 100_000).get(0).id();
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void theFileHoldsThePayloadAtItsOwnOffsetsAndEveryRangeVerifies() throws IOException {
        try (ChunkReader reader = store.openReader(id)) {
            PlainChunkFile file = reader.plainFile();
            assertNotNull(file);
            file.verify(0, SIZE);
            file.verify(3 * BLOCK + 17, 5 * BLOCK); // cuts blocks at both ends
            file.verify(SIZE - 1, 1);
            file.verify(SIZE, 0);
            ByteBuffer whole = ByteBuffer.allocate(SIZE);
            while (whole.hasRemaining()) file.channel().read(whole, whole.position());
            assertArrayEquals(payload, whole.array());
        }
    }

    @Test
    void aFlippedByteFailsEveryRangeThatTouchesItsBlockAndQuarantinesTheChunk() throws IOException {
        flipByte(chunkFile(root, id), 9 * BLOCK + 5);
        try (ChunkReader reader = store.openReader(id)) {
            PlainChunkFile file = reader.plainFile();
            file.verify(0, 9 * BLOCK); // the blocks before it are good
            ChunkCorruptedException e = assertThrows(ChunkCorruptedException.class, () -> file.verify(9 * BLOCK - 1, 2));
            assertEquals(id, e.chunk());
            // The reader that found the fault vouches for nothing of this chunk any more.
            assertThrows(ChunkCorruptedException.class, () -> file.verify(0, BLOCK));
        }
        assertFalse(Files.exists(chunkFile(root, id)));
        assertTrue(Files.exists(root.resolve("quarantine").resolve(id.value())));
    }

    @Test
    void aFlippedByteInTheShortLastBlockFailsARangeEndingThere() throws IOException {
        flipByte(chunkFile(root, id), SIZE - 1);
        try (ChunkReader reader = store.openReader(id)) {
            assertThrows(ChunkCorruptedException.class, () -> reader.plainFile().verify(20 * BLOCK, 100));
        }
    }

    @Test
    void aRangeOutsideThePayloadIsRefused() throws IOException {
        try (ChunkReader reader = store.openReader(id)) {
            PlainChunkFile file = reader.plainFile();
            assertThrows(IllegalArgumentException.class, () -> file.verify(SIZE - 10, 11));
            assertThrows(IllegalArgumentException.class, () -> file.verify(-1, 1));
        }
    }

    @Test
    void anEncryptedChunkHasNoPlainFile() throws IOException {
        DataKey key = DataKey.generate();
        ChunkId encrypted;
        try (ChunkWriter writer = store.newWriter(key)) {
            writer.write(ByteBuffer.wrap(payload));
            encrypted = writer.finish().get(0).id();
        }
        try (ChunkReader reader = store.openReader(encrypted, key)) {
            assertNull(reader.plainFile());
        }
    }

    @Test
    void bytesThatAreNotAFileOfThisStoreHaveNoPlainFile() throws IOException {
        try (ChunkReader reader = ChunkStore.openReader(id, null, ChunkBytes.of(store.openFile(id)))) {
            assertNull(reader.plainFile());
        }
    }
}

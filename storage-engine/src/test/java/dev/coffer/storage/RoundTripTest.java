package dev.coffer.storage;

import static dev.coffer.storage.TestChunks.*;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RoundTripTest {
    @TempDir Path root;
    ChunkStore store;

    @BeforeEach
    void open() throws IOException {
        store = ChunkStore.open(root, 64 * MIB);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, BLOCK - 1, BLOCK, BLOCK + 1, 2 * BLOCK, 5 * MIB + 123})
    void everyByteComesBackAsWritten(int size) throws IOException {
        byte[] payload = randomBytes(size, size);
        List<ChunkRef> refs = writeAll(store, payload, 10_007);
        assertEquals(1, refs.size());
        assertEquals(size, refs.get(0).length());
        assertArrayEquals(payload, readAll(store, refs));
    }

    @Test
    void emptyStreamFinishesWithNoChunkAndNoFile() throws IOException {
        try (ChunkWriter writer = store.newWriter()) {
            writer.write(ByteBuffer.allocate(0));
            assertEquals(List.of(), writer.finish());
        }
        assertEquals(List.of("LOCK"), filesUnder(root));
    }

    @Test
    void randomRangesAcrossBlockEdgesMatchByteForByte() throws IOException {
        byte[] payload = randomBytes(3 * MIB + 17, 7);
        ChunkId id = writeAll(store, payload, 65_000).get(0).id();
        Random random = new Random(11);
        try (ChunkReader reader = store.openReader(id)) {
            for (int i = 0; i < 400; i++) {
                int position = i % 4 == 0
                        ? random.nextInt(payload.length / BLOCK + 1) * BLOCK - random.nextInt(3)
                        : random.nextInt(payload.length);
                position = Math.max(0, position);
                int length = 1 + random.nextInt(i % 2 == 0 ? 3 * BLOCK : 300);
                ByteBuffer dst = i % 3 == 0 ? ByteBuffer.allocateDirect(length) : ByteBuffer.allocate(length);
                int n = reader.read(position, dst);
                int expected = Math.min(length, payload.length - position);
                assertEquals(expected, n, "read at " + position);
                byte[] got = new byte[n];
                dst.flip().get(got);
                assertArrayEquals(Arrays.copyOfRange(payload, position, position + n), got,
                        "bytes at " + position + " length " + length);
            }
        }
    }

    @Test
    void smallSequentialReadsThroughOneBlockReturnEveryByte() throws IOException {
        byte[] payload = randomBytes(3 * BLOCK + 5, 3);
        ChunkId id = writeAll(store, payload, BLOCK).get(0).id();
        ByteBuffer out = ByteBuffer.allocate(payload.length);
        try (ChunkReader reader = store.openReader(id)) {
            ByteBuffer small = ByteBuffer.allocate(8 * KIB - 1);
            int n;
            while ((n = reader.read(out.position(), small.clear())) > 0) {
                assertTrue(n <= small.capacity());
                out.put(small.flip());
            }
        }
        assertArrayEquals(payload, out.array());
    }

    @Test
    void oneLargeBufferIsFilledWithTheWholeChunk() throws IOException {
        byte[] payload = randomBytes(4 * BLOCK + 99, 5);
        ChunkId id = writeAll(store, payload, 4096).get(0).id();
        try (ChunkReader reader = store.openReader(id)) {
            assertEquals(payload.length, reader.length());
            ByteBuffer dst = ByteBuffer.allocateDirect(payload.length + 1000);
            assertEquals(payload.length, reader.read(0, dst));
            byte[] got = new byte[payload.length];
            dst.flip().get(got);
            assertArrayEquals(payload, got);
        }
    }

    @Test
    void readAtOrPastTheEndReturnsMinusOne() throws IOException {
        ChunkId id = writeAll(store, randomBytes(BLOCK, 1), BLOCK).get(0).id();
        try (ChunkReader reader = store.openReader(id)) {
            assertEquals(-1, reader.read(BLOCK, ByteBuffer.allocate(10)));
            assertEquals(-1, reader.read(BLOCK + 1000L, ByteBuffer.allocate(10)));
            assertEquals(1, reader.read(BLOCK - 1, ByteBuffer.allocate(10)));
        }
    }

    @Test
    void readIntoAFullBufferReturnsZero() throws IOException {
        ChunkId id = writeAll(store, randomBytes(100, 1), 100).get(0).id();
        try (ChunkReader reader = store.openReader(id)) {
            assertEquals(0, reader.read(0, ByteBuffer.allocate(0)));
        }
    }

    @Test
    void negativePositionIsRejected() throws IOException {
        ChunkId id = writeAll(store, randomBytes(100, 1), 100).get(0).id();
        try (ChunkReader reader = store.openReader(id)) {
            assertThrows(IllegalArgumentException.class, () -> reader.read(-1, ByteBuffer.allocate(1)));
        }
    }

    @Test
    void fileIsPayloadThenFooter() throws IOException {
        byte[] payload = randomBytes(BLOCK + 1, 9);
        ChunkId id = writeAll(store, payload, 777).get(0).id();
        Path file = chunkFile(root, id);
        assertEquals(payload.length + 2L * ChunkFormat.CRC_SIZE + ChunkFormat.TRAILER_SIZE,
                java.nio.file.Files.size(file));
        byte[] head = Arrays.copyOf(java.nio.file.Files.readAllBytes(file), payload.length);
        assertArrayEquals(payload, head);
    }
}

package dev.coffer.storage;

import static dev.coffer.storage.TestChunks.*;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damage on disk is found where it is, the chunk is quarantined, and no bad byte escapes. */
class CorruptionTest {
    static final int SIZE = 4 * BLOCK + 100; // four whole blocks and a short fifth
    @TempDir Path root;
    ChunkStore store;
    byte[] payload;
    ChunkId id;
    Path file;

    @BeforeEach
    void writeOneChunk() throws IOException {
        store = ChunkStore.open(root, 64 * MIB);
        payload = randomBytes(SIZE, 42);
        id = writeAll(store, payload, 10_000).get(0).id();
        file = chunkFile(root, id);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void flippedPayloadByteIsDetectedOnReadOfItsBlockOnly() throws IOException {
        flipByte(file, BLOCK + 1234);
        try (ChunkReader reader = store.openReader(id)) {
            assertBlockReads(reader, 0);
            assertBlockReads(reader, 2);
            ByteBuffer dst = ByteBuffer.allocateDirect(BLOCK);
            ChunkCorruptedException e = assertThrows(ChunkCorruptedException.class, () -> reader.read(BLOCK, dst));
            assertEquals(id, e.chunk());
            assertEquals(0, dst.position());
            // The reader that found the fault trusts nothing of this chunk any more.
            assertThrows(ChunkCorruptedException.class, () -> reader.read(0, ByteBuffer.allocate(BLOCK)));
        }
        assertQuarantined();
    }

    @Test
    void flippedByteIsDetectedByAnUnalignedShortRead() throws IOException {
        flipByte(file, 2 * BLOCK + 5);
        try (ChunkReader reader = store.openReader(id)) {
            ByteBuffer dst = ByteBuffer.allocate(10);
            assertThrows(ChunkCorruptedException.class, () -> reader.read(3 * BLOCK - 5, dst));
            assertEquals(0, dst.position());
        }
        assertQuarantined();
    }

    @Test
    void readStraddlingAGoodAndABadBlockReturnsNoByteOfEither() throws IOException {
        flipByte(file, 3 * BLOCK);
        try (ChunkReader reader = store.openReader(id)) {
            ByteBuffer dst = ByteBuffer.allocate(200);
            assertThrows(ChunkCorruptedException.class, () -> reader.read(3 * BLOCK - 100, dst));
            // The 100 good bytes of block 2 may have been copied; none of block 3.
            assertTrue(dst.position() <= 100);
            for (int i = dst.position(); i < dst.capacity(); i++) assertEquals(0, dst.get(i));
        }
    }

    @Test
    void bulkReadStopsAtTheBadBlockAndZeroesWhatItReadOfIt() throws IOException {
        flipByte(file, BLOCK + 7);
        try (ChunkReader reader = store.openReader(id)) {
            ByteBuffer dst = ByteBuffer.allocate(3 * BLOCK);
            assertThrows(ChunkCorruptedException.class, () -> reader.read(0, dst));
            assertEquals(BLOCK, dst.position(), "the good first block stays");
            assertArrayEquals(Arrays.copyOf(payload, BLOCK), Arrays.copyOf(dst.array(), BLOCK));
            for (int i = BLOCK; i < dst.capacity(); i++) assertEquals(0, dst.get(i), "byte " + i);
        }
        assertQuarantined();
    }

    @Test
    void flippedByteInTheShortLastBlockIsDetected() throws IOException {
        flipByte(file, SIZE - 1);
        try (ChunkReader reader = store.openReader(id)) {
            assertThrows(ChunkCorruptedException.class, () -> reader.read(4 * BLOCK, ByteBuffer.allocate(BLOCK)));
        }
        assertQuarantined();
    }

    @Test
    void readerOpenedBeforeQuarantineKeepsCheckingOnItsOwn() throws IOException {
        flipByte(file, 10);
        try (ChunkReader early = store.openReader(id); ChunkReader finder = store.openReader(id)) {
            assertThrows(ChunkCorruptedException.class, () -> finder.read(0, ByteBuffer.allocate(BLOCK)));
            assertBlockReads(early, 1);
            assertThrows(ChunkCorruptedException.class, () -> early.read(0, ByteBuffer.allocate(1)));
        }
    }

    @Test
    void damagedMagicIsDetectedAtOpen() throws IOException {
        flipByte(file, Files.size(file) - ChunkFormat.TRAILER_SIZE + ChunkFormat.OFF_MAGIC);
        assertThrows(ChunkCorruptedException.class, () -> store.openReader(id));
        assertQuarantined();
    }

    @Test
    void damagedCrcTableIsDetectedAtOpen() throws IOException {
        flipByte(file, SIZE + 2 * ChunkFormat.CRC_SIZE);
        assertThrows(ChunkCorruptedException.class, () -> store.openReader(id));
        assertQuarantined();
    }

    @Test
    void damagedFooterCrcIsDetectedAtOpen() throws IOException {
        flipByte(file, Files.size(file) - 1);
        assertThrows(ChunkCorruptedException.class, () -> store.openReader(id));
        assertQuarantined();
    }

    @Test
    void damagedPayloadLengthIsDetectedAtOpen() throws IOException {
        flipByte(file, Files.size(file) - ChunkFormat.TRAILER_SIZE + ChunkFormat.OFF_PAYLOAD_LENGTH);
        assertThrows(ChunkCorruptedException.class, () -> store.openReader(id));
        assertQuarantined();
    }

    @Test
    void truncatedChunkIsRejected() throws IOException {
        resize(Files.size(file) - 1);
        assertThrows(ChunkCorruptedException.class, () -> store.openReader(id));
        assertQuarantined();
    }

    @Test
    void chunkWithBytesAppendedIsRejected() throws IOException {
        Files.write(file, new byte[] {0}, StandardOpenOption.APPEND);
        assertThrows(ChunkCorruptedException.class, () -> store.openReader(id));
        assertQuarantined();
    }

    @Test
    void fileShorterThanATrailerIsRejected() throws IOException {
        resize(ChunkFormat.TRAILER_SIZE - 1);
        assertThrows(ChunkCorruptedException.class, () -> store.openReader(id));
        assertQuarantined();
    }

    @Test
    void unknownVersionWithSoundFooterIsRefusedButNotQuarantined() throws IOException {
        rewriteVersion(2);
        IOException e = assertThrows(IOException.class, () -> store.openReader(id));
        assertFalse(e instanceof ChunkCorruptedException);
        assertTrue(Files.exists(file));
    }

    private void assertBlockReads(ChunkReader reader, int index) throws IOException {
        ByteBuffer dst = ByteBuffer.allocate(BLOCK);
        assertEquals(BLOCK, reader.read((long) index * BLOCK, dst));
        assertArrayEquals(Arrays.copyOfRange(payload, index * BLOCK, (index + 1) * BLOCK), dst.array());
    }

    private void assertQuarantined() throws IOException {
        assertFalse(Files.exists(file));
        assertTrue(Files.exists(root.resolve("quarantine").resolve(id.value())));
        assertEquals(List.of(), store.listChunks());
        assertThrows(NoSuchFileException.class, () -> store.openReader(id));
    }

    private void resize(long size) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(size);
        }
    }

    /** Sets the trailer's version and recomputes the footer CRC, as a future writer would. */
    private void rewriteVersion(int version) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer footer = ByteBuffer.allocate((int) (channel.size() - SIZE));
            channel.read(footer, SIZE);
            int trailer = footer.capacity() - ChunkFormat.TRAILER_SIZE;
            footer.putInt(trailer + ChunkFormat.OFF_VERSION, version);
            CRC32C crc = new CRC32C();
            crc.update(footer.array(), 0, trailer + ChunkFormat.OFF_FOOTER_CRC);
            footer.putInt(trailer + ChunkFormat.OFF_FOOTER_CRC, (int) crc.getValue());
            channel.write(footer.rewind(), SIZE);
        }
    }
}

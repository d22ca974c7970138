package dev.coffer.storage;

import static dev.coffer.storage.TestChunks.*;
import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A chunk file sent whole to another store (a cluster's replica), and read from bytes held elsewhere. */
class ReplicaTransferTest {
    @TempDir Path dir;

    private static byte[] fileOf(ChunkStore store, ChunkId id) throws IOException {
        try (FileChannel channel = store.openFile(id)) {
            ByteBuffer all = ByteBuffer.allocate((int) channel.size());
            FileIo.readFully(channel, all, 0);
            return all.array();
        }
    }

    private static ChunkRef written(ChunkStore store, byte[] payload) throws IOException {
        try (ChunkWriter writer = store.newWriter()) {
            writer.write(ByteBuffer.wrap(payload));
            return writer.finish().get(0);
        }
    }

    @Test
    void aReceivedFileIsPublishedAndReadsBackAndABadOneLeavesNothing() throws IOException {
        byte[] payload = randomBytes(3 * BLOCK + 17, 7);
        try (ChunkStore a = ChunkStore.open(dir.resolve("a"), MIB); ChunkStore b = ChunkStore.open(dir.resolve("b"), MIB)) {
            ChunkRef ref = written(a, payload);
            byte[] file = fileOf(a, ref.id());
            assertEquals(ChunkStore.fileSize(payload.length), file.length);

            b.receive(ref.id(), new ByteArrayInputStream(file), file.length);
            assertEquals(List.of(ref.id()), b.listChunks());
            try (ChunkReader reader = b.openReader(ref.id())) {
                ByteBuffer out = ByteBuffer.allocate(payload.length);
                while (out.hasRemaining() && reader.read(out.position(), out) > 0) { }
                assertArrayEquals(payload, out.array());
            }
            b.receive(ref.id(), new ByteArrayInputStream(file), file.length); // again: nothing changes

            ChunkId other = ChunkId.random();
            byte[] flipped = file.clone();
            flipped[BLOCK + 3] ^= 1;
            assertThrows(ChunkCorruptedException.class, () -> b.receive(other, new ByteArrayInputStream(flipped), flipped.length));
            assertThrows(ChunkCorruptedException.class,
                    () -> b.receive(other, new ByteArrayInputStream(file, 0, file.length - 1), file.length));
            assertThrows(NoSuchFileException.class, () -> b.openReader(other));
            assertEquals(List.of(), Files.list(dir.resolve("b/tmp")).toList());
        }
    }

    @Test
    void bytesFromElsewhereAreCheckedBlockByBlockAndQuarantineNothing() throws IOException {
        byte[] payload = randomBytes(2 * BLOCK + 5, 9);
        try (ChunkStore a = ChunkStore.open(dir.resolve("a"), MIB)) {
            ChunkRef ref = written(a, payload);
            byte[] file = fileOf(a, ref.id());
            file[BLOCK + 1] ^= 1; // the second block is bad in this copy
            try (ChunkReader reader = ChunkStore.openReader(ref.id(), null, memory(file))) {
                ByteBuffer first = ByteBuffer.allocate(BLOCK);
                assertEquals(BLOCK, reader.read(0, first));
                assertArrayEquals(java.util.Arrays.copyOf(payload, BLOCK), first.array());
                assertThrows(ChunkCorruptedException.class, () -> reader.read(BLOCK, ByteBuffer.allocate(BLOCK)));
            }
            assertEquals(List.of(ref.id()), a.listChunks(), "the store's own file is not touched");
        }
    }

    private static ChunkBytes memory(byte[] file) {
        return new ChunkBytes() {
            @Override
            public long size() {
                return file.length;
            }

            @Override
            public void readFully(ByteBuffer dst, long position) throws IOException {
                if (position + dst.remaining() > file.length) throw new java.io.EOFException();
                dst.put(file, (int) position, dst.remaining());
            }

            @Override
            public void close() {}
        };
    }
}

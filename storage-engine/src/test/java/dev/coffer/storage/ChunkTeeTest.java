package dev.coffer.storage;

import static dev.coffer.storage.TestChunks.*;
import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer's chunk files read while they are written, as a cluster streams them to replicas: what
 * the tee is told is enough to copy each file, and the copy is received (size from its footer)
 * as a chunk identical to the one published here.
 */
class ChunkTeeTest {
    @TempDir Path dir;

    /** Copies each chunk's file as far as it is told the file is written. */
    private static final class Copying implements ChunkTee {
        final Map<ChunkId, FileChannel> open = new LinkedHashMap<>();
        final Map<ChunkId, ByteArrayOutputStream> copies = new LinkedHashMap<>();
        final List<String> events = new ArrayList<>();

        @Override
        public void started(ChunkId id, Path file) {
            try {
                open.put(id, FileChannel.open(file, StandardOpenOption.READ));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            copies.put(id, new ByteArrayOutputStream());
            events.add("started");
        }

        @Override
        public void written(ChunkId id, long fileBytes) {
            copyTo(id, fileBytes);
        }

        @Override
        public void sealed(ChunkId id, long fileSize) {
            copyTo(id, fileSize);
            events.add("sealed " + fileSize);
        }

        @Override
        public void discarded(ChunkId id) {
            events.add("discarded");
        }

        private void copyTo(ChunkId id, long end) {
            ByteArrayOutputStream copy = copies.get(id);
            ByteBuffer more = ByteBuffer.allocate((int) (end - copy.size()));
            try {
                FileIo.readFully(open.get(id), more, copy.size());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            copy.write(more.array(), 0, more.capacity());
        }
    }

    @Test
    void aChunkCopiedAsItIsWrittenIsReceivedWholeAndATruncatedCopyLeavesNothing() throws IOException {
        byte[] payload = randomBytes(MIB + 3 * BLOCK + 11, 4); // two chunks of at most 1 MiB
        Copying tee = new Copying();
        try (ChunkStore a = ChunkStore.open(dir.resolve("a"), MIB); ChunkStore b = ChunkStore.open(dir.resolve("b"), MIB)) {
            List<ChunkRef> refs;
            try (ChunkWriter writer = a.newWriter(null, tee)) {
                for (int at = 0; at < payload.length; at += 10_000) {
                    writer.write(ByteBuffer.wrap(payload, at, Math.min(10_000, payload.length - at)));
                }
                refs = writer.finish();
            }
            assertEquals(2, refs.size());
            assertEquals(List.of("started", "sealed " + ChunkStore.fileSize(MIB), "started",
                    "sealed " + ChunkStore.fileSize(payload.length - MIB)), tee.events);
            for (ChunkRef ref : refs) {
                byte[] copy = tee.copies.get(ref.id()).toByteArray();
                b.receive(ref.id(), new ByteArrayInputStream(copy), -1);
            }
            assertArrayEquals(payload, readAll(b, refs));

            ChunkId other = ChunkId.random();
            byte[] whole = tee.copies.get(refs.get(1).id()).toByteArray();
            assertThrows(ChunkCorruptedException.class,
                    () -> b.receive(other, new ByteArrayInputStream(whole, 0, whole.length - 5), -1));
            byte[] tooLong = new byte[(int) ChunkStore.fileSize(MIB) + 1];
            assertThrows(ChunkCorruptedException.class, () -> b.receive(other, new ByteArrayInputStream(tooLong), -1));
            assertThrows(NoSuchFileException.class, () -> b.openReader(other));
            assertEquals(List.of(), Files.list(dir.resolve("b/tmp")).toList());
        }
    }

    @Test
    void anAbortedWriterTellsTheTeeEachChunkIsDiscarded() throws IOException {
        Copying tee = new Copying();
        try (ChunkStore a = ChunkStore.open(dir.resolve("a"), MIB)) {
            try (ChunkWriter writer = a.newWriter(null, tee)) {
                writer.write(ByteBuffer.wrap(randomBytes(MIB + 5, 5)));
                writer.abort();
            }
            assertEquals(List.of("started", "sealed " + ChunkStore.fileSize(MIB), "started", "discarded", "discarded"),
                    tee.events);
            assertEquals(List.of(), a.listChunks());
        }
    }
}

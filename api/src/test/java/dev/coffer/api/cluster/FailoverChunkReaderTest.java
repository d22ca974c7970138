package dev.coffer.api.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.coffer.metadata.ChunkPointer;
import dev.coffer.storage.ChunkRef;
import dev.coffer.storage.ChunkStore;
import dev.coffer.storage.ChunkWriter;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two real chunk stores standing for two nodes' replicas of one chunk. */
class FailoverChunkReaderTest {
    private static final int BLOCK = 64 * 1024;
    @TempDir Path dir;

    @Test
    void aReplicaThatFailsMidChunkIsLeftForTheNextAtTheSameOffset() throws IOException {
        byte[] payload = new byte[5 * BLOCK + 123];
        new Random(5).nextBytes(payload);
        try (ChunkStore first = ChunkStore.open(dir.resolve("a"), 1 << 20); ChunkStore second = ChunkStore.open(dir.resolve("b"), 1 << 20)) {
            ChunkRef ref = writeOnBoth(first, second, payload);
            Path bad = dir.resolve("a/chunks").resolve(ref.id().value().substring(0, 2)).resolve(ref.id().value());
            try (RandomAccessFile f = new RandomAccessFile(bad.toFile(), "rw")) {
                f.seek(3L * BLOCK + 9); // the fourth block
                f.write(~payload[3 * BLOCK + 9]);
            }
            ChunkPointer pointer = new ChunkPointer(ref.id().value(), payload.length, List.of("a", "b"));
            List<FailoverChunkReader.Source> sources = List.of(
                    () -> { throw new NoSuchFileException("an unreachable node"); },
                    () -> first.openReader(ref.id()),
                    () -> second.openReader(ref.id()));
            ByteBuffer out = ByteBuffer.allocate(payload.length);
            try (FailoverChunkReader reader = FailoverChunkReader.open(pointer, sources)) {
                while (out.hasRemaining()) {
                    ByteBuffer block = out.slice(out.position(), Math.min(BLOCK, out.remaining()));
                    int n = reader.read(out.position(), block);
                    out.position(out.position() + n);
                }
            }
            assertArrayEquals(payload, out.array());

            List<FailoverChunkReader.Source> none = List.of(() -> first.openReader(ref.id())); // quarantined by now
            assertThrows(NoSuchFileException.class, () -> FailoverChunkReader.open(pointer, none));
        }
    }

    @Test
    void anIoErrorOnTheLocalReplicaQuarantinesItAndTheReadGoesOnFromAnotherAtTheSameOffset() throws IOException {
        byte[] payload = new byte[5 * BLOCK + 123];
        new Random(6).nextBytes(payload);
        java.util.concurrent.atomic.AtomicLong badByte = new java.util.concurrent.atomic.AtomicLong(-1);
        try (ChunkStore local = dev.coffer.storage.FailingChunkReads.open(dir.resolve("a"), 1 << 20, badByte::get);
             ChunkStore other = ChunkStore.open(dir.resolve("b"), 1 << 20)) {
            ChunkRef ref = writeOnBoth(local, other, payload);
            ChunkPointer pointer = new ChunkPointer(ref.id().value(), payload.length, List.of("a", "b"));
            List<FailoverChunkReader.Source> sources = List.of(() -> local.openReader(ref.id()), () -> other.openReader(ref.id()));
            ByteBuffer out = ByteBuffer.allocate(payload.length);
            try (FailoverChunkReader reader = FailoverChunkReader.open(pointer, sources)) {
                while (out.hasRemaining()) {
                    if (out.position() == 2 * BLOCK) badByte.set(3L * BLOCK + 5); // a bad sector in the fourth block
                    ByteBuffer block = out.slice(out.position(), Math.min(BLOCK, out.remaining()));
                    out.position(out.position() + reader.read(out.position(), block));
                }
            }
            assertArrayEquals(payload, out.array());
            org.junit.jupiter.api.Assertions.assertEquals(1, local.readErrors());
            org.junit.jupiter.api.Assertions.assertTrue(java.nio.file.Files.exists(dir.resolve("a/quarantine").resolve(ref.id().value())),
                    "the local replica left service: the replica audit reports it and re-replication copies a good one back");
            badByte.set(-1);
            assertThrows(NoSuchFileException.class, () -> local.openReader(ref.id()));
        }
    }

    /** Writes {@code payload} as one chunk on {@code first} and sends its file to {@code second}, as a replica. */
    private static ChunkRef writeOnBoth(ChunkStore first, ChunkStore second, byte[] payload) throws IOException {
        ChunkRef ref;
        try (ChunkWriter writer = first.newWriter()) {
            writer.write(ByteBuffer.wrap(payload));
            ref = writer.finish().get(0);
        }
        try (var file = first.openFile(ref.id())) {
            second.receive(ref.id(), java.nio.channels.Channels.newInputStream(file), file.size());
        }
        return ref;
    }
}

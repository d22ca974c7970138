package dev.coffer.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/** Helpers the storage tests share: deterministic payloads, whole-stream write and read, damage. */
final class TestChunks {
    static final int KIB = 1024;
    static final int MIB = 1024 * KIB;
    static final int BLOCK = ChunkFormat.BLOCK_SIZE;

    private TestChunks() {}

    static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** Writes {@code bytes} in pieces of {@code piece} bytes (not block-aligned, on purpose). */
    static List<ChunkRef> writeAll(ChunkStore store, byte[] bytes, int piece) throws IOException {
        try (ChunkWriter writer = store.newWriter()) {
            for (int at = 0; at < bytes.length; at += piece) {
                writer.write(ByteBuffer.wrap(bytes, at, Math.min(piece, bytes.length - at)));
            }
            return writer.finish();
        }
    }

    /** Reads every chunk whole, in order, with 64 KiB direct buffers at aligned positions. */
    static byte[] readAll(ChunkStore store, List<ChunkRef> refs) throws IOException {
        return readAll(store, refs, null);
    }

    /** As {@link #readAll(ChunkStore, List)}, decrypting under {@code key} (null: stored as it is). */
    static byte[] readAll(ChunkStore store, List<ChunkRef> refs, DataKey key) throws IOException {
        long total = refs.stream().mapToLong(ChunkRef::length).sum();
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(total));
        ByteBuffer buffer = ByteBuffer.allocateDirect(BLOCK);
        for (ChunkRef ref : refs) {
            try (ChunkReader reader = store.openReader(ref.id(), key)) {
                long position = 0;
                int n;
                while ((n = reader.read(position, buffer.clear())) > 0) {
                    out.put(buffer.flip());
                    position += n;
                }
            }
        }
        return out.array();
    }

    /** Inverts every bit of the byte at {@code offset} of {@code file}. */
    static void flipByte(Path file, long offset) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, offset);
            channel.write(ByteBuffer.wrap(new byte[] {(byte) ~one.get(0)}), offset);
        }
    }

    /** Names of the regular files directly or deeper under {@code dir}. */
    static List<String> filesUnder(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path chunkFile(Path root, ChunkId id) {
        return root.resolve("chunks").resolve(id.value().substring(0, 2)).resolve(id.value());
    }
}

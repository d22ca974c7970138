package dev.coffer.api.service;

import dev.coffer.api.checksum.ChecksumAlgorithm;
import dev.coffer.metadata.ChunkPointer;
import dev.coffer.metadata.ObjectRecord;
import dev.coffer.storage.ChunkId;
import dev.coffer.storage.ChunkReader;
import dev.coffer.storage.ChunkRef;
import dev.coffer.storage.ChunkStore;
import dev.coffer.storage.ChunkWriter;
import dev.coffer.storage.DataKey;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

/**
 * Copies a byte range of an object version into new chunk files, for CopyObject (the whole
 * object) and UploadPartCopy (a range), blocking. It reads only the chunks the range touches, block
 * by block (each block verified on the way), holding a lease on the source's chunks meanwhile, and
 * hashes only what the caller does not already know. The copy owns its chunks (the catalogue does
 * not count references), so deleting either object never touches the other's bytes.
 */
final class ChunkCopier {
    /** One block buffer per copy in progress; four idle ones kept for the next copies. */
    private static final DirectBufferPool BLOCKS = new DirectBufferPool(ObjectStreamer.BLOCK, 4);

    private final ChunkStore chunks;
    private final ChunkLeases leases;
    private final ChunkPlacement placement;

    ChunkCopier(ChunkStore chunks, ChunkLeases leases) {
        this(chunks, leases, ChunkPlacement.local(chunks));
    }

    ChunkCopier(ChunkStore chunks, ChunkLeases leases, ChunkPlacement placement) {
        this.chunks = chunks;
        this.leases = leases;
        this.placement = placement;
    }

    /** What a copy produced: durable, unpublished chunks, their size and digests (null when not asked). */
    record Copied(List<ChunkRef> chunks, long size, String md5Hex, String checksum) {}

    /**
     * The whole object, no digest (CopyObject keeps the source's ETag and checksums), decrypted
     * with {@code sourceKey} and encrypted under {@code targetKey} (either null: as stored / plain).
     */
    List<ChunkRef> copyAll(ObjectRecord source, DataKey sourceKey, DataKey targetKey) throws IOException {
        return copy(source, sourceKey, 0, source.size() - 1, false, null, targetKey).chunks();
    }

    /**
     * Bytes [first, last] of {@code source} (inclusive, in range), with their MD5 when {@code md5}
     * and their checksum when {@code algorithm} is not null. The MD5 of a whole single-part object
     * is its ETag, so it is not computed again.
     */
    Copied copy(ObjectRecord source, DataKey sourceKey, long first, long last, boolean md5, ChecksumAlgorithm algorithm,
                DataKey targetKey) throws IOException {
        boolean whole = first == 0 && last == source.size() - 1;
        String knownMd5 = md5 && whole && source.parts().isEmpty() && isMd5Hex(source.etag()) ? source.etag() : null;
        MessageDigest digest = md5 && knownMd5 == null ? Md5.newDigest() : null;
        ChecksumAlgorithm.Calculator checksum = algorithm == null ? null : algorithm.newCalculator();
        List<String> leased = source.chunks().stream().map(ChunkPointer::chunkId).toList();
        leases.acquire(leased);
        try (ChunkWriter writer = placement.newWriter(targetKey)) {
            Sink sink = data -> {
                if (digest != null) digest.update(data.duplicate());
                if (checksum != null) checksum.update(data.duplicate());
                writer.write(data);
            };
            if (source.inline() != null) {
                byte[] inline = sourceKey == null ? source.inline() : sourceKey.cryptInline(source.inline());
                if (last >= first) sink.accept(ByteBuffer.wrap(inline, (int) first, (int) (last - first + 1)));
            } else {
                copyChunks(source.chunks(), sourceKey, first, last, sink);
            }
            List<ChunkRef> written = placement.replicate(writer.finish());
            return new Copied(written, last - first + 1,
                    digest != null ? HexFormat.of().formatHex(digest.digest()) : knownMd5,
                    checksum == null ? null : checksum.base64());
        } finally {
            leases.release(leased);
        }
    }

    private void copyChunks(List<ChunkPointer> pointers, DataKey key, long first, long last, Sink sink) throws IOException {
        ByteBuffer block = BLOCKS.take();
        try {
            long chunkStart = 0;
            for (ChunkPointer pointer : pointers) {
                long chunkEnd = chunkStart + pointer.length(); // exclusive
                if (chunkEnd > first && chunkStart <= last) {
                    try (ChunkReader reader = placement.open(pointer, key)) {
                        long position = Math.max(first, chunkStart) - chunkStart;
                        long end = Math.min(last + 1, chunkEnd) - chunkStart;
                        while (position < end) {
                            block.clear().limit((int) Math.min(block.capacity(), end - position));
                            int n = reader.read(position, block);
                            if (n < 0) throw new IOException("chunk shorter than recorded: " + pointer.chunkId());
                            block.flip();
                            sink.accept(block);
                            position += n;
                        }
                    }
                }
                chunkStart = chunkEnd;
            }
        } finally {
            BLOCKS.give(block); // the sink and the reader are done with it: both are synchronous
        }
    }

    private static boolean isMd5Hex(String etag) {
        return etag.length() == 32 && etag.chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }

    private interface Sink {
        void accept(ByteBuffer data) throws IOException;
    }
}

package dev.coffer.api.service;

import dev.coffer.api.checksum.ChecksumAlgorithm;
import dev.coffer.metadata.ChunkPointer;
import dev.coffer.metadata.ObjectRecord;
import dev.coffer.storage.ChunkId;
import dev.coffer.storage.ChunkReader;
import dev.coffer.storage.ChunkRef;
import dev.coffer.storage.ChunkStore;
import dev.coffer.storage.ChunkWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.List;

/**
 * Copies a byte range of an object into new chunks for UploadPartCopy, blocking, reading only
 * the chunks the range touches (each block verified on the way) and hashing as it writes. A part
 * always lives in chunk files, even when its source is inline.
 */
final class PartCopier {
    private final ChunkStore chunks;

    PartCopier(ChunkStore chunks) {
        this.chunks = chunks;
    }

    /** What a copy produced: durable, unpublished chunks and their digests. */
    record Copied(List<ChunkRef> chunks, long size, byte[] md5, String checksum) {}

    /** REQUIRES: the source's chunks are leased by the caller; {@code first..last} inclusive, in range. */
    Copied copy(ObjectRecord source, long first, long last, ChecksumAlgorithm algorithm) throws IOException {
        MessageDigest md5 = Md5.newDigest();
        ChecksumAlgorithm.Calculator checksum = algorithm == null ? null : algorithm.newCalculator();
        try (ChunkWriter writer = chunks.newWriter()) {
            Sink sink = data -> {
                md5.update(data.duplicate());
                if (checksum != null) checksum.update(data);
                writer.write(data);
            };
            if (source.inline() != null) {
                sink.accept(ByteBuffer.wrap(source.inline(), (int) first, (int) (last - first + 1)));
            } else {
                copyChunks(source.chunks(), first, last, sink);
            }
            List<ChunkRef> written = writer.finish();
            return new Copied(written, last - first + 1, md5.digest(), checksum == null ? null : checksum.base64());
        }
    }

    private void copyChunks(List<ChunkPointer> pointers, long first, long last, Sink sink) throws IOException {
        ByteBuffer block = ByteBuffer.allocateDirect(ObjectStreamer.BLOCK);
        long chunkStart = 0;
        for (ChunkPointer pointer : pointers) {
            long chunkEnd = chunkStart + pointer.length(); // exclusive
            if (chunkEnd > first && chunkStart <= last) {
                try (ChunkReader reader = chunks.openReader(new ChunkId(pointer.chunkId()))) {
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
    }

    private interface Sink {
        void accept(ByteBuffer data) throws IOException;
    }
}

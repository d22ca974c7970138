package dev.coffer.api.service;

import dev.coffer.api.checksum.ChecksumAlgorithm;
import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.storage.ChunkStore;
import dev.coffer.storage.DataKey;
import dev.coffer.storage.ChunkRef;
import dev.coffer.storage.ChunkWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/**
 * Receives one upload's raw body, blocking, off the event loop: decodes it, hashes it, and keeps
 * it inline while small, else streams it into chunk files — under the data key when it has one
 * (inline bytes too). Digests are of the plaintext. Memory is bounded by the inline threshold. Methods are synchronized because abort may come from another thread.
 */
final class UploadSink {
    private final ChunkStore chunks;
    private final ChunkPlacement placement;
    private final int inlineThreshold;
    private final long maxSize;
    private final S3ErrorCode overLimit;
    private final PayloadDecoder decoder;
    private final PipelinedMd5 md5 = new PipelinedMd5();
    private final ChecksumAlgorithm.Calculator checksum;
    private final DataKey key;
    private ByteArrayOutputStream small = new ByteArrayOutputStream();
    private ChunkWriter writer;
    private long size;
    private boolean done;

    UploadSink(ChunkStore chunks, ChunkPlacement placement, int inlineThreshold, long maxSize, S3ErrorCode overLimit,
               PayloadDecoder decoder, ChecksumAlgorithm algorithm, DataKey key) {
        this.placement = placement;
        this.key = key;
        this.overLimit = overLimit;
        this.checksum = algorithm == null ? null : algorithm.newCalculator();
        this.chunks = chunks;
        this.inlineThreshold = inlineThreshold;
        this.maxSize = maxSize;
        this.decoder = decoder;
    }

    synchronized void accept(ByteBuffer raw) throws Exception {
        if (done) return;
        decoder.accept(raw, this::payload);
    }

    /**
     * Runs {@code release} (which frees the buffer the bytes given to {@link #accept} came from)
     * once those bytes are hashed: at once unless the MD5 still reads them.
     */
    synchronized void afterHashed(Runnable release) {
        md5.afterHashed(release);
    }

    private void payload(ByteBuffer data) {
        int n = data.remaining();
        size += n;
        if (size > maxSize) throw S3Exception.of(overLimit);
        // Small bodies hash here; once the body goes to chunk files, the MD5 runs beside the writes.
        if (writer == null && size <= inlineThreshold) md5.updateNow(data);
        else md5.updateLater(data);
        if (checksum != null) checksum.update(data);
        try {
            if (writer == null && small.size() + n <= inlineThreshold) {
                byte[] copy = new byte[n];
                data.get(copy);
                small.write(copy, 0, n);
                return;
            }
            if (writer == null) {
                writer = placement.newWriter(key);
                writer.write(ByteBuffer.wrap(small.toByteArray()));
                small = null;
            }
            writer.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ends the body: checks it, makes the chunks durable, and returns what was stored. */
    synchronized StoredBody finish() throws Exception {
        Map<String, String> trailers = decoder.finish();
        done = true;
        if (writer == null) {
            byte[] inline = key == null ? small.toByteArray() : key.cryptInline(small.toByteArray());
            return new StoredBody(size, md5.digest(), checksumValue(), inline, List.of(), trailers);
        }
        List<ChunkRef> refs = placement.replicate(writer.finish()); // the last fsync, while the MD5 catches up
        return new StoredBody(size, md5.digest(), checksumValue(), null, refs, trailers);
    }

    private String checksumValue() {
        return checksum == null ? null : checksum.base64();
    }

    /** Drops everything written so far. Idempotent. */
    synchronized void abort() {
        done = true;
        if (writer != null) writer.abort();
    }
}

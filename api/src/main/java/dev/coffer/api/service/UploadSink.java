package dev.coffer.api.service;

import dev.coffer.api.checksum.ChecksumAlgorithm;
import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.storage.ChunkStore;
import dev.coffer.storage.DataKey;
import dev.coffer.storage.ChunkRef;
import dev.coffer.storage.ChunkWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Receives one upload's raw body, blocking, off the event loop: decodes it, hashes it, and keeps
 * it inline while small, else streams it into chunk files — under the data key when it has one
 * (inline bytes too). Digests are of the plaintext. Memory is bounded by the inline threshold. Methods are synchronized because abort may come from another thread.
 * A body declared larger than the threshold goes to chunk files from its first byte: it is not
 * gathered in memory first, and its writes start at the file's first byte.
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
    /** The inline bytes so far ({@code smallLength} of them); null once the body goes to chunk files. */
    private byte[] small;
    private int smallLength;
    private ChunkWriter writer;
    private StagedWrites staged;
    private long size;
    private boolean done;

    UploadSink(ChunkStore chunks, ChunkPlacement placement, int inlineThreshold, long maxSize, S3ErrorCode overLimit,
               PayloadDecoder decoder, ChecksumAlgorithm algorithm, DataKey key) throws IOException {
        this.placement = placement;
        this.key = key;
        this.overLimit = overLimit;
        this.checksum = algorithm == null ? null : algorithm.newCalculator();
        this.chunks = chunks;
        this.inlineThreshold = inlineThreshold;
        this.maxSize = maxSize;
        this.decoder = decoder;
        // A declared length (IncompleteBody past it) says at once whether the body can stay inline.
        boolean declared = overLimit == S3ErrorCode.IncompleteBody;
        if (declared && maxSize > inlineThreshold) toChunks();
        else small = new byte[(int) Math.min(declared ? maxSize : 8192, inlineThreshold)];
    }

    synchronized void accept(ByteBuffer raw) throws Exception {
        if (done) return;
        decoder.accept(raw, this::payload);
    }

    private void toChunks() throws IOException {
        writer = placement.newWriter(key);
        staged = new StagedWrites(writer, md5);
    }

    private void payload(ByteBuffer data) {
        int n = data.remaining();
        size += n;
        // Past the limit the rest of the body is not waited for: the refusal closes the connection,
        // as a stalled body's does (BodyTimeout), instead of leaving it to the idle timeout.
        if (size > maxSize) throw S3Exception.of(overLimit).withHeader("Connection", "close");
        if (checksum != null) checksum.update(data);
        try {
            if (writer == null && smallLength + n <= inlineThreshold) {
                if (smallLength + n > small.length) {
                    small = Arrays.copyOf(small, Math.min(inlineThreshold, Math.max(smallLength + n, 2 * small.length)));
                }
                data.get(small, smallLength, n);
                // Small bodies hash here, from the heap copy (a direct buffer costs the digest a
                // temporary array per body); once the body goes to chunk files, the MD5 runs
                // beside the writes.
                md5.updateNow(ByteBuffer.wrap(small, smallLength, n));
                smallLength += n;
                return;
            }
            if (writer == null) {
                toChunks();
                staged.writeHashed(ByteBuffer.wrap(small, 0, smallLength));
                small = null;
            }
            staged.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ends the body: checks it, makes the chunks durable, and returns what was stored. */
    synchronized StoredBody finish() throws Exception {
        Map<String, String> trailers = decoder.finish();
        done = true;
        if (writer == null) {
            byte[] bytes = smallLength == small.length ? small : Arrays.copyOf(small, smallLength);
            byte[] inline = key == null ? bytes : key.cryptInline(bytes);
            return new StoredBody(size, md5.digest(), checksumValue(), inline, List.of(), trailers);
        }
        staged.finish();
        List<ChunkRef> refs = placement.replicate(writer.finish()); // the last fsync, while the MD5 catches up
        byte[] digest = md5.digest();
        staged.release();
        return new StoredBody(size, digest, checksumValue(), null, refs, trailers);
    }

    private String checksumValue() {
        return checksum == null ? null : checksum.base64();
    }

    /** Drops everything written so far. Idempotent. */
    synchronized void abort() {
        done = true;
        if (writer != null) writer.abort();
        if (staged != null) staged.release();
    }
}

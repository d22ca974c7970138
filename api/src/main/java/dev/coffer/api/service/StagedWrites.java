package dev.coffer.api.service;

import dev.coffer.storage.ChunkWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * A chunked body's bytes on their way to its {@link ChunkWriter}, gathered into {@link #STAGE}
 * byte buffers: each full one is queued once to the body's MD5 (on the digest pool) and written
 * once here (its CRC32C taken from the same bytes). Netty hands a body on in 8 KiB pieces; written
 * and hashed piece by piece, a 64 MiB upload was 8,192 unaligned {@code write}s — each one making
 * ext4 zero the rest of a fresh page-cache folio, as much CPU as the copy itself — and 8,192
 * hand-offs to the digest pool (docs/benchmarks.md, issue 23). One copy into a stage buffer costs
 * less than either, and frees Netty's buffer at once. Two stage buffers per body: one filling,
 * one being hashed; a buffer is filled again only once its hash is done.
 * Not thread-safe: its {@link UploadSink} synchronizes.
 */
final class StagedWrites {
    /** Bytes per write and per MD5 update: a multiple of the page size and of the 64 KiB block. */
    static final int STAGE = 256 * 1024;
    /**
     * Stage buffers for every body: two per body in flight, so 32 idle (8 MiB) cover 16 uploads at
     * once (the bench's 1 MiB PUTs); more are freed as they come back, not left to the GC.
     */
    private static final DirectBufferPool STAGES = new DirectBufferPool(STAGE, 32);

    private final ChunkWriter writer;
    private final PipelinedMd5 md5;
    private ByteBuffer filling;
    private ByteBuffer spare;
    private CompletableFuture<Void> spareHashed = CompletableFuture.completedFuture(null);
    /** Bytes at the head of what comes next that the MD5 has already taken (inline bytes). */
    private long alreadyHashed;

    StagedWrites(ChunkWriter writer, PipelinedMd5 md5) {
        this.writer = writer;
        this.md5 = md5;
    }

    /** Takes {@code data}'s remaining bytes (its position advances); the MD5 is to hash them. */
    void write(ByteBuffer data) throws IOException {
        while (data.hasRemaining()) {
            if (filling == null) filling = STAGES.take();
            int n = Math.min(data.remaining(), filling.remaining());
            filling.put(filling.position(), data, data.position(), n);
            filling.position(filling.position() + n);
            data.position(data.position() + n);
            if (!filling.hasRemaining()) flush();
        }
    }

    /** Takes bytes the MD5 has already hashed (the inline head of a body that outgrew it). */
    void writeHashed(ByteBuffer data) throws IOException {
        alreadyHashed += data.remaining();
        write(data);
    }

    /** Writes what is gathered; call before the writer's finish. */
    void finish() throws IOException {
        if (filling != null && filling.position() > 0) flush();
    }

    /** Gives the buffers back once the MD5 is done with them. Idempotent. */
    void release() {
        ByteBuffer a = filling;
        ByteBuffer b = spare;
        filling = null;
        spare = null;
        md5.afterHashed(() -> {
            STAGES.give(a);
            STAGES.give(b);
        });
    }

    private void flush() throws IOException {
        filling.flip();
        int skip = (int) Math.min(alreadyHashed, filling.limit());
        alreadyHashed -= skip;
        CompletableFuture<Void> hashed = md5.updateLater(filling.slice(skip, filling.limit() - skip));
        writer.write(filling.duplicate());
        ByteBuffer next = spare;
        CompletableFuture<Void> nextHashed = spareHashed;
        spare = filling;
        spareHashed = hashed;
        if (next != null) {
            nextHashed.join(); // the MD5 still reads it: wait, rather than take a third buffer
            next.clear();
        }
        filling = next;
    }
}

package dev.coffer.api.service;

import dev.coffer.api.checksum.ChecksumAlgorithm;
import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.auth.PayloadMode;
import dev.coffer.storage.ChunkStore;
import dev.coffer.storage.DataKey;
import java.util.Collection;
import java.util.List;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Streams a request body into an {@link UploadSink} on the I/O scheduler with a few buffers in
 * flight, releasing every buffer on every path; an error or a cancelled request leaves no chunk
 * behind.
 */
public final class BodyReceiver {
    /**
     * Body pieces requested from Netty at a time: enough to keep the disk busy, small enough to
     * bound memory (a piece is an 8 KiB view that pins at most its 64 KiB socket buffer). Each
     * refill from the I/O thread wakes the event loop; at 8 that was ~12 wake-ups per MiB
     * uploaded, at 32 ~4 (strace, docs/benchmarks.md).
     */
    private static final int IN_FLIGHT = 32;
    /**
     * Pieces handed to the I/O thread together: one hand-off (a task queued, often a thread
     * woken) per 64 KiB instead of per 8 KiB piece. The hand-offs in flight are as many as keep
     * the pieces in flight at {@link #IN_FLIGHT}.
     */
    private static final int PIECES_PER_HANDOFF = 8;

    private final BlockingIo io;
    /** The I/O scheduler for publishOn: a body cancelled while the thread is busy still has its queued pieces released. */
    private final DrainingWorkers handOff;
    private final ChunkStore chunks;
    private final int inlineThreshold;
    private final ChunkPlacement placement;

    public BodyReceiver(BlockingIo io, ChunkStore chunks, int inlineThreshold) {
        this(io, chunks, inlineThreshold, ChunkPlacement.local(chunks));
    }

    /** @param placement where the chunks of a body go once written here (in a cluster, R nodes) */
    public BodyReceiver(BlockingIo io, ChunkStore chunks, int inlineThreshold, ChunkPlacement placement) {
        this.io = io;
        this.handOff = new DrainingWorkers(io.scheduler());
        this.chunks = chunks;
        this.inlineThreshold = inlineThreshold;
        this.placement = placement;
    }

    /**
     * Receives the whole body; the StoredBody's chunks are durable but not yet published in the
     * catalogue. EntityTooLarge as soon as the payload passes {@code maxSize}.
     */
    public Mono<StoredBody> receive(Flux<DataBuffer> body, PayloadMode mode, long maxSize, ChecksumAlgorithm checksum) {
        return receive(body, mode, maxSize, checksum, null);
    }

    /** {@link #receive}, stored encrypted under {@code key} (null: as sent). */
    public Mono<StoredBody> receive(Flux<DataBuffer> body, PayloadMode mode, long maxSize, ChecksumAlgorithm checksum,
                                    DataKey key) {
        return receive(body, mode, maxSize, S3ErrorCode.EntityTooLarge, checksum, key);
    }

    /**
     * Receives a body whose payload length was declared (Content-Length, or
     * x-amz-decoded-content-length for aws-chunked): IncompleteBody as soon as the payload passes
     * it, so an over-long body is refused after at most one buffer beyond the declared length,
     * not after gigabytes. A shorter payload is the caller's check, once the body has ended.
     */
    public Mono<StoredBody> receiveDeclared(Flux<DataBuffer> body, PayloadMode mode, long declaredLength,
                                            ChecksumAlgorithm checksum) {
        return receiveDeclared(body, mode, declaredLength, checksum, null);
    }

    /** {@link #receiveDeclared}, stored encrypted under {@code key} (null: as sent). */
    public Mono<StoredBody> receiveDeclared(Flux<DataBuffer> body, PayloadMode mode, long declaredLength,
                                            ChecksumAlgorithm checksum, DataKey key) {
        return receive(body, mode, declaredLength, S3ErrorCode.IncompleteBody, checksum, key);
    }

    private Mono<StoredBody> receive(Flux<DataBuffer> body, PayloadMode mode, long limit, S3ErrorCode overLimit,
                                     ChecksumAlgorithm checksum, DataKey key) {
        // Room first, before the body is asked for: a refusal then goes out before a client that
        // sent Expect: 100-continue sends a byte. A declared length must fit above the disk's
        // reserve; any write is refused once the reserve is reached (it is kept for deletes).
        long room = overLimit == S3ErrorCode.IncompleteBody ? limit : 0;
        return Mono.fromCallable(() -> {
            chunks.requireRoom(room);
            return new UploadSink(chunks, placement, inlineThreshold, limit, overLimit, PayloadDecoder.of(mode),
                    checksum,
                    key);
        }).subscribeOn(io.scheduler()).flatMap(sink -> {
            return body.buffer(PIECES_PER_HANDOFF)
                    .publishOn(handOff, IN_FLIGHT / PIECES_PER_HANDOFF)
                    .doOnNext(pieces -> consume(sink, pieces))
                    .doOnDiscard(Object.class, BodyReceiver::releaseDiscarded)
                    .then(Mono.fromCallable(sink::finish))
                    .doOnError(e -> sink.abort())
                    .doOnCancel(() -> io.scheduler().schedule(sink::abort));
        });
    }

    /** Gives {@code pieces} to the sink in order; every one is released, whatever happens. */
    private static void consume(UploadSink sink, List<DataBuffer> pieces) {
        try {
            for (DataBuffer piece : pieces) {
                try (DataBuffer.ByteBufferIterator it = piece.readableByteBuffers()) {
                    while (it.hasNext()) {
                        sink.accept(it.next());
                    }
                }
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw reactor.core.Exceptions.propagate(e);
        } finally {
            releaseDiscarded(pieces); // what the sink keeps of them, it has copied
        }
    }

    /**
     * Releases a piece, or the pieces of a group: a cancelled or failed body discards groups
     * still queued for the I/O thread as lists, and the pieces of a group not yet full one by one.
     */
    private static void releaseDiscarded(Object discarded) {
        if (discarded instanceof DataBuffer piece) {
            DataBufferUtils.release(piece);
        } else if (discarded instanceof Collection<?> group) {
            for (Object piece : group) releaseDiscarded(piece);
        }
    }
}

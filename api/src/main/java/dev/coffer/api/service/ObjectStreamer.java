package dev.coffer.api.service;

import dev.coffer.metadata.ChunkPointer;
import dev.coffer.metadata.ObjectRecord;
import dev.coffer.storage.ChunkStore;
import dev.coffer.storage.DataKey;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Streams a byte range of one object version: chunk after chunk, one verified 64 KiB block per
 * buffer, with a small bounded prefetch; reads only the chunks the range touches. The chunks are
 * leased for the life of the stream so the collector leaves them alone.
 */
public final class ObjectStreamer {
    /** One block per buffer: the chunk format's CRC block, so each buffer is verified whole. */
    static final int BLOCK = 64 * 1024;
    /** Buffers read ahead of the socket: bounds memory per download to PREFETCH x BLOCK. */
    private static final int PREFETCH = 4;

    private final BlockingIo io;
    private final ChunkLeases leases;
    private final ChunkPlacement placement;
    private final VerifiedRegions regions;

    public ObjectStreamer(BlockingIo io, ChunkStore chunks, ChunkLeases leases) {
        this(io, leases, ChunkPlacement.local(chunks));
    }

    /** @param placement where chunks are read from (in a cluster, any good replica) */
    public ObjectStreamer(BlockingIo io, ChunkLeases leases, ChunkPlacement placement) {
        this.io = io;
        this.leases = leases;
        this.placement = placement;
        this.regions = new VerifiedRegions(io, leases, placement);
    }

    /** The same bytes sent from the chunk files by the kernel, for the versions it serves. */
    public VerifiedRegions regions() {
        return regions;
    }

    /** Bytes [first, last] of the object (inclusive); an empty range for an empty object when last < first. */
    public Flux<DataBuffer> stream(ObjectRecord record, long first, long last, DataBufferFactory factory) {
        return stream(record, null, first, last, factory);
    }

    /**
     * {@link #stream}, as a response body: an inline version's bytes come as a Mono, which Spring
     * writes as one full response (status, headers, body and end in one write and flush), where a
     * Flux goes through its ChannelSendOperator and Reactor Netty's MonoSendMany, a write and a
     * scheduled flush each.
     */
    public Publisher<DataBuffer> body(ObjectRecord record, DataKey key, long first, long last,
                                      DataBufferFactory factory) {
        if (last >= first && record.inline() != null) return Mono.just(inline(record, key, first, last, factory));
        return stream(record, key, first, last, factory);
    }

    /** An inline version's bytes [first, last], decrypted when it is stored encrypted. */
    private static DataBuffer inline(ObjectRecord record, DataKey key, long first, long last, DataBufferFactory factory) {
        byte[] inline = key == null ? record.inline() : key.cryptInline(record.inline());
        return factory.wrap(ByteBuffer.wrap(inline, (int) first, (int) (last - first + 1)));
    }

    /** {@link #stream}, for a version stored encrypted under {@code key} (null: stored as sent). */
    public Flux<DataBuffer> stream(ObjectRecord record, DataKey key, long first, long last, DataBufferFactory factory) {
        if (last < first) return Flux.empty();
        if (record.inline() != null) return Flux.just(inline(record, key, first, last, factory));
        List<String> ids = record.chunks().stream().map(ChunkPointer::chunkId).toList();
        return ChunkCursor.pieces(record.chunks(), first, last, io, PREFETCH, pointer -> placement.open(pointer, key),
                        c -> block(c, factory), DataBuffer.class, DataBufferUtils::release)
                .doOnSubscribe(s -> leases.acquire(ids))
                .doFinally(signal -> leases.release(ids));
    }

    /** The rest of the block at the cursor (at most what is left of the range), verified, in a new buffer. */
    private static DataBuffer block(ChunkCursor c, DataBufferFactory factory) throws IOException {
        int toBlockEnd = (int) (BLOCK - c.offset() % BLOCK);
        int n = (int) Math.min(toBlockEnd, c.left());
        DataBuffer buffer = factory.allocateBuffer(n);
        try {
            readInto(c, buffer, n);
        } catch (IOException | RuntimeException e) {
            DataBufferUtils.release(buffer);
            throw e;
        }
        c.consume(n);
        return buffer;
    }

    /**
     * Reads n bytes straight into the (pooled, usually direct) response buffer: the chunk reader
     * verifies the block in place, so each byte is copied once, from the page cache to the buffer.
     */
    private static void readInto(ChunkCursor c, DataBuffer buffer, int n) throws IOException {
        buffer.ensureWritable(n);
        int filled = 0;
        try (DataBuffer.ByteBufferIterator it = buffer.writableByteBuffers()) {
            while (filled < n && it.hasNext()) {
                ByteBuffer dst = it.next();
                dst.limit(Math.min(dst.limit(), dst.position() + (n - filled)));
                filled += c.fill(c.offset() + filled, dst);
            }
        }
        if (filled != n) throw new IOException("response buffer smaller than requested: " + filled + " < " + n);
        buffer.writePosition(buffer.writePosition() + n);
    }
}

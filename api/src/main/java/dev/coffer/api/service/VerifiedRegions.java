package dev.coffer.api.service;

import dev.coffer.metadata.ChunkPointer;
import dev.coffer.metadata.ObjectRecord;
import dev.coffer.storage.DataKey;
import dev.coffer.storage.PlainChunkFile;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.ReferenceCounted;
import java.io.IOException;
import java.util.List;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SynchronousSink;

/**
 * A plain chunked version's bytes as Netty messages that the kernel sends from the chunk files
 * (sendfile): each region's blocks are checked against their CRC32C on an I/O thread before the
 * region is emitted, so no byte of a failed block is ever handed to the socket (the stream fails
 * instead, as {@link ObjectStreamer}'s does). A published chunk file is never written again, so
 * the kernel sends the bytes that were checked; the file stays open until its last region is sent
 * or dropped. A chunk that is not a file of this node (a cluster's remote replica) comes as pooled
 * buffers of one verified block, read as {@link ObjectStreamer} reads them.
 */
public final class VerifiedRegions {
    /** Bytes checked, then handed to the kernel, per region: a whole 1 MiB object at once. */
    static final int REGION = 16 * ObjectStreamer.BLOCK;
    /** Regions checked ahead of the socket; they hold no memory, only the file open. */
    private static final int PREFETCH = 2;

    private final BlockingIo io;
    private final ChunkLeases leases;
    private final ChunkPlacement placement;

    VerifiedRegions(BlockingIo io, ChunkLeases leases, ChunkPlacement placement) {
        this.io = io;
        this.leases = leases;
        this.placement = placement;
    }

    /**
     * Whether {@link #send} serves bytes [first, last] of this version: stored plain (key null) in
     * chunks, and a range of whole blocks; anything else keeps the pooled copy.
     */
    public static boolean serves(ObjectRecord record, DataKey key, long first, long last) {
        return key == null && record.inline() == null && last >= first && first % ObjectStreamer.BLOCK == 0
                && (last + 1 == record.size() || (last + 1) % ObjectStreamer.BLOCK == 0);
    }

    /**
     * Bytes [first, last] of the version, handed to {@code sender} as a stream of Netty messages
     * (file regions, or buffers it must release); the chunks stay leased until the sender's Mono ends.
     */
    public Mono<Void> send(ObjectRecord record, long first, long last, ByteBufAllocator alloc,
                           Function<Flux<Object>, Mono<Void>> sender) {
        List<String> ids = record.chunks().stream().map(ChunkPointer::chunkId).toList();
        Flux<Object> messages = Flux.<Object, ObjectStreamer.Cursor>generate(
                        () -> new ObjectStreamer.Cursor(record.chunks(), first, last),
                        (cursor, sink) -> next(cursor, sink, alloc),
                        ObjectStreamer.Cursor::close)
                .subscribeOn(io.scheduler())
                .cancelOn(io.scheduler())
                .limitRate(PREFETCH)
                .doOnDiscard(ReferenceCounted.class, ReferenceCountUtil::release);
        return Mono.defer(() -> sender.apply(messages))
                .doOnSubscribe(s -> leases.acquire(ids))
                .doFinally(signal -> leases.release(ids));
    }

    private ObjectStreamer.Cursor next(ObjectStreamer.Cursor c, SynchronousSink<Object> sink, ByteBufAllocator alloc) {
        try {
            if (c.remaining == 0) {
                sink.complete();
                return c;
            }
            while (c.offsetInChunk >= c.chunkLength()) c.advance();
            if (c.reader == null) c.reader = new SharedChunkReader(placement.open(c.pointers.get(c.index), null));
            SharedChunkReader reader = (SharedChunkReader) c.reader;
            long left = Math.min(c.remaining, c.chunkLength() - c.offsetInChunk);
            PlainChunkFile file = reader.plainFile();
            int n;
            Object message;
            if (file != null) {
                n = (int) Math.min(REGION, left);
                file.verify(c.offsetInChunk, n);
                message = new ChunkRegion(reader, c.offsetInChunk, n);
            } else {
                n = (int) Math.min(ObjectStreamer.BLOCK - c.offsetInChunk % ObjectStreamer.BLOCK, left);
                message = copied(c, n, alloc);
            }
            c.offsetInChunk += n;
            c.remaining -= n;
            sink.next(message);
        } catch (IOException e) {
            sink.error(e);
        }
        return c;
    }

    /** n verified bytes at the cursor, copied into a pooled buffer. */
    private static ByteBuf copied(ObjectStreamer.Cursor c, int n, ByteBufAllocator alloc) throws IOException {
        ByteBuf buffer = alloc.directBuffer(n);
        try {
            c.fill(c.offsetInChunk, buffer.nioBuffer(0, n));
            return buffer.writerIndex(n);
        } catch (IOException | RuntimeException e) {
            buffer.release();
            throw e;
        }
    }
}

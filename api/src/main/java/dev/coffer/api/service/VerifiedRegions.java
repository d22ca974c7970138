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
        Flux<Object> messages = ChunkCursor.pieces(record.chunks(), first, last, io, PREFETCH,
                pointer -> new SharedChunkReader(placement.open(pointer, null)), c -> next(c, alloc),
                ReferenceCounted.class, ReferenceCountUtil::release);
        return Mono.defer(() -> sender.apply(messages))
                .doOnSubscribe(s -> leases.acquire(ids))
                .doFinally(signal -> leases.release(ids));
    }

    /** The next region of the chunk at the cursor, checked; or, without a plain file, its next block, copied. */
    private static Object next(ChunkCursor c, ByteBufAllocator alloc) throws IOException {
        SharedChunkReader reader = (SharedChunkReader) c.reader();
        PlainChunkFile file = reader.plainFile();
        int n;
        Object message;
        if (file != null) {
            n = (int) Math.min(REGION, c.left());
            file.verify(c.offset(), n);
            message = new ChunkRegion(reader, c.offset(), n);
        } else {
            n = (int) Math.min(ObjectStreamer.BLOCK - c.offset() % ObjectStreamer.BLOCK, c.left());
            message = copied(c, n, alloc);
        }
        c.consume(n);
        return message;
    }

    /** n verified bytes at the cursor, copied into a pooled buffer. */
    private static ByteBuf copied(ChunkCursor c, int n, ByteBufAllocator alloc) throws IOException {
        ByteBuf buffer = alloc.directBuffer(n);
        try {
            c.fill(c.offset(), buffer.nioBuffer(0, n));
            return buffer.writerIndex(n);
        } catch (IOException | RuntimeException e) {
            buffer.release();
            throw e;
        }
    }
}

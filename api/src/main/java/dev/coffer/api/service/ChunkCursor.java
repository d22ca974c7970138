package dev.coffer.api.service;

import dev.coffer.metadata.ChunkPointer;
import dev.coffer.storage.ChunkReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Consumer;
import reactor.core.publisher.Flux;

/**
 * Where a read of a byte range of a chunked version stands: the chunk, the offset in it, the bytes
 * left, the chunk's open reader. {@link #pieces} cuts the range into a stream of pieces on the I/O
 * pool, the pipeline that {@link ObjectStreamer} (buffers) and {@link VerifiedRegions} (file
 * regions) share. Not thread-safe: one stream's, used on one I/O thread at a time.
 */
final class ChunkCursor {
    /** Opens one chunk of the version for reading, each block checked before it is used. */
    @FunctionalInterface
    interface Opener {
        ChunkReader open(ChunkPointer pointer) throws IOException;
    }

    /** Cuts the next piece at the cursor (at most {@link #left} bytes) and moves past it ({@link #consume}). */
    @FunctionalInterface
    interface Cut<T> {
        T next(ChunkCursor cursor) throws IOException;
    }

    private final List<ChunkPointer> pointers;
    private final Opener opener;
    private int index;
    private long offsetInChunk;
    private long remaining;
    private ChunkReader reader;

    private ChunkCursor(List<ChunkPointer> pointers, long first, long last, Opener opener) {
        this.pointers = pointers;
        this.opener = opener;
        this.remaining = last - first + 1;
        long skip = first;
        while (index < pointers.size() && skip >= pointers.get(index).length()) {
            skip -= pointers.get(index).length();
            index++;
        }
        this.offsetInChunk = skip;
    }

    /**
     * Bytes [first, last] of the chunks, one piece per {@code cut}, made on {@code io}'s threads
     * (subscription, requests and cancellation) at most {@code prefetch} ahead of the consumer; a
     * piece made but never consumed is discarded through {@code release}. The chunk being read
     * stays open until the stream ends.
     */
    static <T, R> Flux<T> pieces(List<ChunkPointer> pointers, long first, long last, BlockingIo io, int prefetch,
                                 Opener opener, Cut<T> cut, Class<R> discarded, Consumer<? super R> release) {
        return Flux.<T, ChunkCursor>generate(
                        () -> new ChunkCursor(pointers, first, last, opener),
                        (cursor, sink) -> {
                            try {
                                if (cursor.remaining == 0) sink.complete();
                                else sink.next(cut.next(cursor.openCurrent()));
                            } catch (IOException e) {
                                sink.error(e);
                            }
                            return cursor;
                        },
                        ChunkCursor::close)
                .subscribeOn(io.scheduler())
                .cancelOn(io.scheduler())
                .limitRate(prefetch)
                .doOnDiscard(discarded, release);
    }

    /** The reader of the chunk the next byte is in. */
    ChunkReader reader() {
        return reader;
    }

    /** The next byte's offset in its chunk. */
    long offset() {
        return offsetInChunk;
    }

    /** Bytes of the range left in the current chunk. */
    long left() {
        return Math.min(remaining, pointers.get(index).length() - offsetInChunk);
    }

    /** Moves past n bytes of the current chunk, taken as a piece. */
    void consume(int n) {
        offsetInChunk += n;
        remaining -= n;
    }

    /** Fills dst with verified bytes of the current chunk from {@code position}; returns how many. */
    int fill(long position, ByteBuffer dst) throws IOException {
        int filled = 0;
        while (dst.hasRemaining()) {
            int read = reader.read(position + filled, dst);
            if (read < 0) throw new IOException("chunk shorter than recorded: " + pointers.get(index).chunkId());
            filled += read;
        }
        return filled;
    }

    /** Moves to the chunk the next byte is in, opening it if it is not yet. */
    private ChunkCursor openCurrent() throws IOException {
        while (offsetInChunk >= pointers.get(index).length()) {
            closeReader();
            index++;
            offsetInChunk = 0;
        }
        if (reader == null) reader = opener.open(pointers.get(index));
        return this;
    }

    private void close() {
        closeReader();
    }

    private void closeReader() {
        if (reader == null) return;
        try {
            reader.close();
        } catch (IOException ignored) {
            // read-only file: nothing to lose
        }
        reader = null;
    }
}

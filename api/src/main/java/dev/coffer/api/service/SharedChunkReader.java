package dev.coffer.api.service;

import dev.coffer.storage.ChunkReader;
import dev.coffer.storage.PlainChunkFile;
import io.netty.util.AbstractReferenceCounted;
import io.netty.util.ReferenceCounted;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A chunk reader whose file stays open while file regions cut from it wait in the socket's
 * outbound queue: the stream that opened it holds one reference (given up by {@link #close}),
 * each {@link ChunkRegion} another; the reader closes when the last is released.
 */
final class SharedChunkReader extends AbstractReferenceCounted implements ChunkReader {
    private final ChunkReader reader;

    SharedChunkReader(ChunkReader reader) {
        this.reader = reader;
    }

    @Override
    public long length() {
        return reader.length();
    }

    @Override
    public int read(long position, ByteBuffer dst) throws IOException {
        return reader.read(position, dst);
    }

    @Override
    public PlainChunkFile plainFile() {
        return reader.plainFile();
    }

    /** The stream's reference: the file closes now, or once the regions still queued are sent. */
    @Override
    public void close() {
        release();
    }

    @Override
    protected void deallocate() {
        try {
            reader.close();
        } catch (IOException ignored) {
            // read-only file: nothing to lose
        }
    }

    @Override
    public ReferenceCounted touch(Object hint) {
        return this;
    }
}

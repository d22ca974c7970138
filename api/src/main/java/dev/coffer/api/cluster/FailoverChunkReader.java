package dev.coffer.api.cluster;

import dev.coffer.metadata.ChunkPointer;
import dev.coffer.storage.ChunkReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one chunk from the first of its replicas that works, and goes on from the next one, at
 * the same offset, when the one in use fails — missing, unreachable, or a block that fails its
 * CRC32C — so its caller sees one unbroken run of checked bytes. Fails only when every replica
 * has failed. Not thread-safe, as any {@link ChunkReader}.
 */
final class FailoverChunkReader implements ChunkReader {
    private static final Logger log = LoggerFactory.getLogger(FailoverChunkReader.class);

    /** Opens one replica. */
    interface Source {
        ChunkReader open() throws IOException;
    }

    private final ChunkPointer pointer;
    private final Deque<Source> left;
    private ChunkReader current;
    private IOException last;

    private FailoverChunkReader(ChunkPointer pointer, List<Source> sources) {
        this.pointer = pointer;
        this.left = new ArrayDeque<>(sources);
    }

    /** Opens the first replica that opens; @throws IOException the last failure when none does */
    static FailoverChunkReader open(ChunkPointer pointer, List<Source> sources) throws IOException {
        FailoverChunkReader reader = new FailoverChunkReader(pointer, sources);
        reader.ensureOpen();
        return reader;
    }

    private void ensureOpen() throws IOException {
        while (current == null) {
            Source next = left.poll();
            if (next == null) {
                throw last != null ? last : new IOException("no replica of chunk " + pointer.chunkId());
            }
            try {
                ChunkReader reader = next.open();
                if (reader.length() != pointer.length()) {
                    reader.close();
                    throw new IOException("a replica of chunk " + pointer.chunkId() + " holds " + reader.length()
                            + " bytes, not " + pointer.length());
                }
                current = reader;
            } catch (IOException e) {
                failed(e);
            }
        }
    }

    @Override
    public long length() {
        return pointer.length();
    }

    @Override
    public int read(long position, ByteBuffer dst) throws IOException {
        while (true) {
            ensureOpen();
            int start = dst.position();
            try {
                return current.read(position, dst);
            } catch (IOException e) {
                failed(e);
                closeCurrent();
                int good = dst.position() - start; // checked bytes placed before the failure
                if (good > 0) return good;
            }
        }
    }

    private void failed(IOException e) {
        if (last != null) e.addSuppressed(last);
        last = e;
        log.warn("chunk {}: a replica failed, trying the next: {}", pointer.chunkId(), e.toString());
    }

    private void closeCurrent() {
        if (current == null) return;
        try {
            current.close();
        } catch (IOException ignored) {
            // nothing to lose: a read-only replica
        }
        current = null;
    }

    @Override
    public void close() {
        closeCurrent();
    }
}

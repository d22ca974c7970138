package dev.coffer.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes a stream into temp chunks of at most {@code maxChunkSize} payload bytes and publishes
 * them all in {@link #finish()} (FORMAT.md, "Writing and publishing").
 * Invariant: only the last element of {@code chunks} may be unsealed.
 */
final class StreamingChunkWriter implements ChunkWriter {
    private enum State { OPEN, FINISHED, ABORTED }

    private final StoreLayout layout;
    private final long maxChunkSize;
    private final DataKey key;
    private final DiskSpace space;
    private final ChunkTee tee;
    private final List<TempChunk> chunks = new ArrayList<>();
    private long bytesWritten;
    private State state = State.OPEN;

    StreamingChunkWriter(StoreLayout layout, long maxChunkSize, DataKey key, DiskSpace space, ChunkTee tee) {
        this.tee = tee;
        this.layout = layout;
        this.maxChunkSize = maxChunkSize;
        this.key = key;
        this.space = space;
    }

    @Override
    public void write(ByteBuffer src) throws IOException {
        requireOpen();
        try {
            while (src.hasRemaining()) {
                TempChunk current = currentWithRoom();
                long n = Math.min(src.remaining(), maxChunkSize - current.length());
                current.append(src, n);
                bytesWritten += n;
            }
        } catch (IOException e) {
            abort(); // a half-appended block or half-sealed chunk cannot be resumed safely
            throw space.translate(e);
        } catch (RuntimeException e) {
            abort();
            throw e;
        }
    }

    @Override
    public long bytesWritten() {
        return bytesWritten;
    }

    @Override
    public List<ChunkRef> finish() throws IOException {
        requireOpen();
        List<Path> published = new ArrayList<>();
        try {
            if (!chunks.isEmpty() && !last().sealed()) last().seal();
            Set<Path> touchedDirs = new LinkedHashSet<>();
            List<ChunkRef> refs = new ArrayList<>(chunks.size());
            for (TempChunk chunk : chunks) {
                touchedDirs.add(layout.ensurePrefixDir(chunk.id()));
                Path target = layout.chunkPath(chunk.id());
                layout.ops().atomicMove(chunk.path(), target);
                published.add(target);
                refs.add(new ChunkRef(chunk.id(), chunk.length()));
            }
            for (Path dir : touchedDirs) layout.ops().fsyncDirectory(dir);
            state = State.FINISHED;
            return List.copyOf(refs);
        } catch (IOException e) {
            unpublish(published);
            throw space.translate(e);
        } catch (RuntimeException e) {
            unpublish(published);
            throw e;
        }
    }

    /** Aborts, and removes what was already moved into place: no caller holds those ids yet. */
    private void unpublish(List<Path> published) {
        abort();
        for (Path target : published) deleteQuietly(target);
    }

    @Override
    public void abort() {
        if (state != State.OPEN) return;
        state = State.ABORTED;
        for (TempChunk chunk : chunks) chunk.discard();
    }

    @Override
    public void close() {
        abort();
    }

    /** The chunk to append to, sealing a full one and starting the next only when bytes come. */
    private TempChunk currentWithRoom() throws IOException {
        if (!chunks.isEmpty() && last().length() < maxChunkSize) return last();
        if (!chunks.isEmpty()) last().seal();
        space.requireRoom(0); // each new chunk, so that one long upload cannot eat the reserve
        TempChunk next = TempChunk.create(layout, key, tee);
        chunks.add(next);
        return next;
    }

    private TempChunk last() {
        return chunks.get(chunks.size() - 1);
    }

    private void requireOpen() {
        if (state != State.OPEN) throw new IllegalStateException("writer is " + state.name().toLowerCase());
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // An unreferenced chunk left behind is an orphan; the sweep removes it.
        }
    }
}

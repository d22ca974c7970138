package dev.coffer.api.cluster;

import dev.coffer.storage.ChunkId;
import dev.coffer.storage.ChunkTee;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends chunks to their replicas while they are written here (docs/cluster.md, "Writes"): when
 * a writer starts a chunk, one transfer per target node starts too and reads the chunk's temp file
 * as far as the writer has written it (from the page cache), waiting for more until the writer
 * seals it (its footer written) or drops it. Each receiver fsyncs and checks its copy before it
 * answers; {@link #take} waits for those answers.
 */
final class ChunkStreams implements ChunkTee {
    /** The longest a transfer waits for the writer's next bytes before it gives up. */
    static final long IDLE_MILLIS = 60_000;
    private static final Logger log = LoggerFactory.getLogger(ChunkStreams.class);
    private final Map<ChunkId, Outgoing> outgoing = new ConcurrentHashMap<>();
    private final Function<ChunkId, List<String>> targets;
    private final PeerChunks peers;
    private final ExecutorService senders;

    /** @param targets the nodes a chunk is to be streamed to, as it starts (none: sent later, whole) */
    ChunkStreams(Function<ChunkId, List<String>> targets, PeerChunks peers, ExecutorService senders) {
        this.targets = targets;
        this.peers = peers;
        this.senders = senders;
    }

    @Override
    public void started(ChunkId id, Path file) {
        List<String> to = targets.apply(id);
        if (to.isEmpty()) return;
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            log.warn("chunk {} not streamed (it will be sent once written): {}", id.value(), e.toString());
            return;
        }
        Outgoing out = new Outgoing(channel);
        for (String node : to) {
            out.sends.put(node, CompletableFuture.runAsync(() -> {
                try {
                    peers.stream(node, id, out.newStream());
                } catch (IOException e) {
                    throw new CompletionException(e);
                }
            }, senders));
        }
        CompletableFuture.allOf(out.sends.values().toArray(CompletableFuture[]::new)).whenComplete((ok, e) -> out.close());
        outgoing.put(id, out);
    }

    @Override
    public void written(ChunkId id, long fileBytes) {
        Outgoing out = outgoing.get(id);
        if (out != null) out.advance(fileBytes, false);
    }

    @Override
    public void sealed(ChunkId id, long fileSize) {
        Outgoing out = outgoing.get(id);
        if (out != null) out.advance(fileSize, true);
    }

    /** A dropped chunk: its transfers fail; a copy a node already published is deleted there. */
    @Override
    public void discarded(ChunkId id) {
        Outgoing out = outgoing.remove(id);
        if (out == null) return;
        out.discard();
        out.sends.forEach((node, send) -> send.thenRunAsync(() -> {
            try {
                peers.delete(node, id);
            } catch (IOException e) {
                log.warn("dropped chunk {} not deleted on {} (its orphan sweep will): {}", id.value(), node, e.toString());
            }
        }, senders));
    }

    /**
     * Waits for the transfers of a written chunk and tells, per node it was streamed to, null
     * when that node holds it durably, else why not. Empty when it was not streamed.
     */
    Map<String, Throwable> take(ChunkId id) {
        Outgoing out = outgoing.remove(id);
        Map<String, Throwable> outcome = new LinkedHashMap<>();
        if (out == null) return outcome;
        out.sends.forEach((node, send) -> {
            try {
                send.join();
                outcome.put(node, null);
            } catch (CompletionException e) {
                outcome.put(node, e.getCause() == null ? e : e.getCause());
            }
        });
        return outcome;
    }

    /** One chunk's transfers and how far its file is written. */
    private static final class Outgoing {
        final Map<String, CompletableFuture<Void>> sends = new LinkedHashMap<>();
        private final FileChannel file;
        private long available;
        private boolean sealed;
        private boolean discarded;

        Outgoing(FileChannel file) {
            this.file = file;
        }

        synchronized void advance(long fileBytes, boolean complete) {
            available = fileBytes;
            sealed = complete;
            notifyAll();
        }

        synchronized void discard() {
            discarded = true;
            notifyAll();
        }

        /** Bytes readable from {@code position} on, -1 at the sealed end; waits for some. */
        private synchronized long await(long position) throws IOException {
            long deadline = System.nanoTime() + IDLE_MILLIS * 1_000_000;
            while (!discarded && !sealed && position >= available) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) throw new IOException("no bytes written for " + IDLE_MILLIS / 1000 + " s");
                try {
                    wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while streaming a chunk");
                }
            }
            if (discarded) throw new IOException("the chunk was dropped while it was sent");
            return position >= available ? -1 : available - position;
        }

        InputStream newStream() {
            return new BulkInputStream() {
                private long position;

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (len == 0) return 0;
                    long ready = await(position);
                    if (ready < 0) return -1;
                    ByteBuffer into = ByteBuffer.wrap(b, off, (int) Math.min(len, ready));
                    while (into.hasRemaining()) {
                        if (file.read(into, position + into.position() - off) < 0) {
                            throw new EOFException("chunk file shorter than written");
                        }
                    }
                    int n = into.position() - off;
                    position += n;
                    return n;
                }
            };
        }

        void close() {
            try {
                file.close();
            } catch (IOException ignored) {
                // a read-only descriptor: nothing to lose
            }
        }
    }
}

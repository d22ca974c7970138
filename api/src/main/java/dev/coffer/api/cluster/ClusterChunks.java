package dev.coffer.api.cluster;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.api.service.ChunkPlacement;
import dev.coffer.metadata.ChunkPointer;
import dev.coffer.storage.ChunkId;
import dev.coffer.storage.ChunkReader;
import dev.coffer.storage.ChunkRef;
import dev.coffer.storage.ChunkStore;
import dev.coffer.storage.ChunkWriter;
import dev.coffer.storage.DataKey;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cluster's {@link ChunkPlacement} (docs/cluster.md, "Chunks on several nodes"): each chunk
 * written here is streamed to R−1 other members while it is written, and held by R nodes before
 * its command is proposed; it is read from this
 * node's replica first, else from the others, switching replica mid-stream when one fails.
 */
final class ClusterChunks implements ChunkPlacement {
    private static final Logger log = LoggerFactory.getLogger(ClusterChunks.class);
    private final ChunkStore local;
    private final String self;
    private final int replicas;
    private final Supplier<List<String>> members;
    private final Supplier<java.util.Set<String>> draining;
    private final PeerChunks peers;
    private final PeerSpace space;
    private final java.util.function.Function<ChunkPointer, List<String>> replicasNow;
    private final ExecutorService senders = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "coffer-chunk-send");
        t.setDaemon(true);
        return t;
    });
    private final ChunkStreams streams;

    /**
     * @param members the group's members now, this node included
     * @param draining the nodes marked draining now (they receive no new replica)
     * @param replicasNow the nodes that hold a chunk now (re-replication changes them after the write)
     */
    ClusterChunks(ChunkStore local, String self, int replicas, Supplier<List<String>> members,
                  Supplier<java.util.Set<String>> draining, PeerChunks peers, PeerSpace space,
                  java.util.function.Function<ChunkPointer, List<String>> replicasNow) {
        this.space = space;
        this.replicasNow = replicasNow;
        this.draining = draining;
        this.local = local;
        this.self = self;
        this.replicas = replicas;
        this.members = members;
        this.peers = peers;
        this.streams = new ChunkStreams(this::streamTargets, peers, senders);
    }

    /** A writer whose chunks go to R−1 other members while they are written here. */
    @Override
    public ChunkWriter newWriter(DataKey key) throws IOException {
        return local.newWriter(key, streams);
    }

    /** The first R−1 candidates of a chunk about to be written. */
    private List<String> streamTargets(ChunkId id) {
        List<String> candidates = candidates(id);
        return candidates.subList(0, Math.min(replicas, 1 + candidates.size()) - 1);
    }

    @Override
    public List<ChunkRef> replicate(List<ChunkRef> written) throws IOException {
        List<ChunkRef> placed = new ArrayList<>(written.size());
        try {
            for (ChunkRef ref : written) placed.add(place(ref));
            return placed;
        } catch (IOException | RuntimeException e) {
            for (ChunkRef ref : written) {
                streams.take(ref.id());
                local.delete(ref.id());
            }
            senders.execute(() -> { // nothing names them: the copies sent are deleted as far as the nodes answer
                for (ChunkRef ref : written) deleteElsewhere(ref.id());
            });
            throw e;
        }
    }

    /**
     * Makes one chunk durable on R nodes: the nodes it was streamed to while it was written that
     * hold it, then, for each that failed, the whole chunk sent to the next candidate (the first
     * candidates at once, a failed one's turn to the next; a node whose stream failed last).
     */
    private ChunkRef place(ChunkRef ref) throws IOException {
        Map<String, Throwable> streamed = streams.take(ref.id());
        List<String> candidates = candidates(ref.id());
        int wanted = Math.min(replicas, 1 + candidates.size()) - 1;
        List<String> holders = new ArrayList<>(List.of(self));
        int unreachable = 0;
        List<String> tried = new ArrayList<>(streamed.keySet());
        List<String> order = new ArrayList<>(candidates);
        order.removeAll(streamed.keySet());
        for (Map.Entry<String, Throwable> e : streamed.entrySet()) {
            if (e.getValue() == null) {
                holders.add(e.getKey());
            } else if (e.getValue() instanceof PeerChunks.Unreachable) {
                unreachable++;
                log.warn("chunk {} not streamed to {}: {}", ref.id().value(), e.getKey(), e.getValue().toString());
            } else {
                if (candidates.contains(e.getKey())) order.add(e.getKey()); // up, so worth a whole send
                log.warn("chunk {} not streamed to {}: {}", ref.id().value(), e.getKey(), e.getValue().toString());
            }
        }
        int next = 0;
        while (holders.size() - 1 < wanted && next < order.size()) {
            int batch = Math.min(wanted - (holders.size() - 1), order.size() - next);
            List<String> round = order.subList(next, next + batch);
            next += batch;
            List<CompletableFuture<String>> sends = round.stream()
                    .map(node -> CompletableFuture.supplyAsync(() -> send(node, ref.id()), senders)).toList();
            for (int i = 0; i < sends.size(); i++) {
                if (!tried.contains(round.get(i))) tried.add(round.get(i));
                try {
                    holders.add(sends.get(i).join());
                } catch (CompletionException e) {
                    if (e.getCause() instanceof PeerChunks.Unreachable) unreachable++;
                    log.warn("chunk {} not placed on {}: {}", ref.id().value(), round.get(i), String.valueOf(e.getCause()));
                }
            }
        }
        int required = Math.min(replicas, 1 + candidates.size() - unreachable);
        if (holders.size() < required) {
            throw S3Exception.of(S3ErrorCode.ServiceUnavailable).withMessage("Only " + holders.size() + " of "
                    + required + " cluster nodes could store the data (tried " + tried + "); try again later.");
        }
        return new ChunkRef(ref.id(), ref.length(), holders);
    }

    private String send(String node, ChunkId id) {
        try (FileChannel file = local.openFile(id)) {
            peers.send(node, id, file);
            return node;
        } catch (IOException e) {
            throw new CompletionException(e);
        }
    }

    /**
     * The other members that have an address and are not draining, best first: weighted by their
     * free space, in an order drawn from the chunk id ({@link Placement}); no node twice. (A
     * draining node that takes a write still keeps its own copy.)
     */
    private List<String> candidates(ChunkId id) {
        List<String> known = members.get().stream().filter(peers::knows).toList();
        return Placement.order(id, self, known, draining.get(), space::of);
    }

    @Override
    public void delete(ChunkId id) throws IOException {
        local.delete(id);
        deleteElsewhere(id);
    }

    /** Deletes every other member's replica of {@code id}, as far as they answer. */
    private void deleteElsewhere(ChunkId id) {
        for (String node : members.get()) {
            if (node.equals(self) || !peers.knows(node)) continue;
            try {
                peers.delete(node, id);
            } catch (IOException e) {
                log.warn("chunk {} not deleted on {} (its orphan sweep will): {}", id.value(), node, e.toString());
            }
        }
    }

    /** Stops the sending threads (a send in flight is interrupted) and the free-space questions. */
    @Override
    public void close() {
        space.close();
        senders.shutdownNow();
        try {
            if (!senders.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)) {
                log.warn("chunk sends still running 10 s after close");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public ChunkReader open(ChunkPointer pointer, DataKey key) throws IOException {
        ChunkId id = new ChunkId(pointer.chunkId());
        List<String> holders = replicasNow.apply(pointer);
        List<FailoverChunkReader.Source> sources = new ArrayList<>();
        if (holders.isEmpty() || holders.contains(self)) sources.add(() -> local.openReader(id, key));
        for (String node : holders) {
            if (node.equals(self) || !peers.knows(node)) continue;
            sources.add(() -> ChunkStore.openReader(id, key, peers.remote(node, id, ChunkStore.fileSize(pointer.length()))));
        }
        return FailoverChunkReader.open(pointer, sources);
    }
}

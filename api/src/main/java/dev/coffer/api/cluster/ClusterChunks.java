package dev.coffer.api.cluster;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.api.service.ChunkPlacement;
import dev.coffer.metadata.ChunkPointer;
import dev.coffer.storage.ChunkId;
import dev.coffer.storage.ChunkReader;
import dev.coffer.storage.ChunkRef;
import dev.coffer.storage.ChunkStore;
import dev.coffer.storage.DataKey;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cluster's {@link ChunkPlacement} (docs/cluster.md, "Chunks on several nodes"): each chunk
 * written here is sent to R−1 other members before its command is proposed, and read from this
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
    private final ExecutorService senders = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "coffer-chunk-send");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param members the group's members now, this node included
     * @param draining the nodes marked draining now (they receive no new replica)
     */
    ClusterChunks(ChunkStore local, String self, int replicas, Supplier<List<String>> members,
                  Supplier<java.util.Set<String>> draining, PeerChunks peers) {
        this.draining = draining;
        this.local = local;
        this.self = self;
        this.replicas = replicas;
        this.members = members;
        this.peers = peers;
    }

    @Override
    public List<ChunkRef> replicate(List<ChunkRef> written) throws IOException {
        List<ChunkRef> placed = new ArrayList<>(written.size());
        try {
            for (ChunkRef ref : written) placed.add(place(ref));
            return placed;
        } catch (IOException | RuntimeException e) {
            for (ChunkRef ref : written) local.delete(ref.id()); // copies already sent become orphans there
            throw e;
        }
    }

    /** Sends one chunk to R−1 others: the first candidates at once, a failed one's turn to the next. */
    private ChunkRef place(ChunkRef ref) throws IOException {
        List<String> candidates = candidates(ref.id());
        int wanted = Math.min(replicas, 1 + candidates.size()) - 1;
        List<String> holders = new ArrayList<>(List.of(self));
        int unreachable = 0;
        int next = 0;
        List<String> tried = new ArrayList<>();
        while (holders.size() - 1 < wanted && next < candidates.size()) {
            int batch = Math.min(wanted - (holders.size() - 1), candidates.size() - next);
            List<String> round = candidates.subList(next, next + batch);
            next += batch;
            List<CompletableFuture<String>> sends = round.stream()
                    .map(node -> CompletableFuture.supplyAsync(() -> send(node, ref.id()), senders)).toList();
            for (int i = 0; i < sends.size(); i++) {
                tried.add(round.get(i));
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
     * The other members that have an address and are not draining, in an order drawn from the
     * chunk id (rendezvous hashing), so that chunks spread over the nodes and one chunk never
     * names a node twice. (A draining node that takes a write still keeps its own copy.)
     */
    private List<String> candidates(ChunkId id) {
        java.util.Set<String> skip = draining.get();
        List<String> out = new ArrayList<>();
        for (String node : members.get()) {
            if (!node.equals(self) && peers.knows(node) && !skip.contains(node)) out.add(node);
        }
        out.sort(Comparator.comparingInt((String node) -> (id.value() + "/" + node).hashCode()).thenComparing(n -> n));
        return out;
    }

    @Override
    public void delete(ChunkId id) throws IOException {
        local.delete(id);
        for (String node : members.get()) {
            if (node.equals(self) || !peers.knows(node)) continue;
            try {
                peers.delete(node, id);
            } catch (IOException e) {
                log.warn("chunk {} not deleted on {} (its orphan sweep will): {}", id.value(), node, e.toString());
            }
        }
    }

    @Override
    public ChunkReader open(ChunkPointer pointer, DataKey key) throws IOException {
        ChunkId id = new ChunkId(pointer.chunkId());
        List<FailoverChunkReader.Source> sources = new ArrayList<>();
        if (pointer.replicas().isEmpty() || pointer.replicas().contains(self)) sources.add(() -> local.openReader(id, key));
        for (String node : pointer.replicas()) {
            if (node.equals(self) || !peers.knows(node)) continue;
            sources.add(() -> ChunkStore.openReader(id, key, peers.remote(node, id, ChunkStore.fileSize(pointer.length()))));
        }
        return FailoverChunkReader.open(pointer, sources);
    }
}

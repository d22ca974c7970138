package dev.coffer.api.cluster;

import dev.coffer.api.jobs.CursorJob;
import dev.coffer.metadata.Catalog;
import dev.coffer.metadata.ChunkPointer;
import dev.coffer.metadata.ChunkReplicas;
import dev.coffer.metadata.ReplicasChanged;
import dev.coffer.storage.ChunkId;
import dev.coffer.storage.ChunkStore;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Job {@code replicate}, on the Raft leader (docs/cluster.md, "Re-replication"): walks every chunk
 * pointer; a chunk with fewer good replicas than the target ({@link ReplicaSets}) is copied from
 * a replica that holds it (this node's file, else another holder asked to push its file straight to
 * the target, never through this node; CRC-checked by the receiver) to members that do not, then its new set is committed (kind 71, only if the set is still the one
 * read); replicas on draining nodes once R good ones hold the chunk, and good ones beyond the
 * target, are deleted on their nodes and leave the set ({@link ReplicaSets#settled}). Copies go one
 * at a time, at most {@code coffer.cluster.repair-bytes-per-second} over a pass: this node waits
 * before it sends or asks for the next.
 * Backlog: chunks the last whole pass could not bring to the target (no reachable node to copy
 * to or from). Durable state: its cursor in the catalogue's {@code jobs} table.
 */
final class Rereplication extends CursorJob {
    static final String NAME = "replicate";
    private static final Logger log = LoggerFactory.getLogger(Rereplication.class);
    private static final int RECORDS_PER_STEP = 64;

    private final ChunkStore local;
    private final String self;
    private final PeerChunks peers;
    private final Supplier<ReplicaSets> view;
    private final long bytesPerSecond;
    private long passStartedNanos = System.nanoTime();
    private long passBytes;
    private long stuck;

    Rereplication(Catalog catalog, ChunkStore local, String self, PeerChunks peers, Supplier<ReplicaSets> view,
                  long bytesPerSecond, Duration interval) {
        super(NAME, NAME, catalog, interval, Scope.LEADER);
        this.local = local;
        this.self = self;
        this.peers = peers;
        this.view = view;
        this.bytesPerSecond = bytesPerSecond;
    }

    @Override
    public synchronized Step step() throws InterruptedException {
        byte[] at = loadCursor();
        if (at == null) {
            passStartedNanos = System.nanoTime();
            passBytes = 0;
            stuck = 0;
        }
        ChunkReplicas.Page page = catalog.chunkReplicas().page(at, RECORDS_PER_STEP);
        ReplicaSets sets = view.get();
        Set<String> unreachable = new HashSet<>(); // for this step: not tried again chunk after chunk
        for (ChunkPointer chunk : page.chunks()) {
            if (!chunk.replicas().isEmpty()) repair(chunk, sets, unreachable);
        }
        saveCursor(page.next());
        if (page.next() == null) publishBacklog(stuck);
        return new Step(page.chunks().size(), page.next() != null);
    }

    private void repair(ChunkPointer chunk, ReplicaSets sets, Set<String> unreachable) throws InterruptedException {
        List<String> before = chunk.replicas();
        List<String> now = new ArrayList<>(before);
        int missing = sets.target() - sets.good(now);
        for (String to : sets.candidates(chunk.chunkId(), now)) {
            if (missing <= 0) break;
            if (unreachable.contains(to)) continue;
            if (copy(chunk, before, to, sets, unreachable)) {
                now.add(to);
                missing--;
            }
        }
        if (missing > 0) stuck++;
        List<String> settled = new ArrayList<>(sets.settled(now));
        for (String node : now) {
            if (settled.contains(node) || !sets.members().contains(node)) continue;
            if (!delete(node, chunk.chunkId())) settled.add(node); // still there: named until it is gone
        }
        if (settled.equals(before)) return;
        try {
            catalog.chunkReplicas().set(chunk.chunkId(), before, settled);
            log.info("chunk {}: replicas {} -> {}", chunk.chunkId(), before, settled);
        } catch (ReplicasChanged changed) {
            log.debug("chunk {}: replicas changed meanwhile; the next pass looks again", chunk.chunkId());
        }
    }

    /** A copy of the chunk on {@code to}, from this node's file or pushed by another holder; whether it is durable there. */
    private boolean copy(ChunkPointer chunk, List<String> holders, String to, ReplicaSets sets, Set<String> unreachable)
            throws InterruptedException {
        ChunkId id = new ChunkId(chunk.chunkId());
        long size = ChunkStore.fileSize(chunk.length());
        List<String> sources = new ArrayList<>();
        if (holders.contains(self)) sources.add(self);
        for (String node : holders) {
            if (!node.equals(self) && sets.members().contains(node) && !sets.dead().contains(node)
                    && !unreachable.contains(node)) {
                sources.add(node);
            }
        }
        for (String from : sources) {
            try {
                if (from.equals(self)) {
                    try (FileChannel file = local.openFile(id)) {
                        peers.send(to, id, file);
                    }
                } else {
                    peers.push(from, to, id, size); // node to node: the bytes do not pass through this one
                }
                passBytes += size;
                pace(passStartedNanos, passBytes, bytesPerSecond);
                return true;
            } catch (PeerChunks.Unreachable e) {
                unreachable.add(e.node());
                if (e.node().equals(to)) return false;
            } catch (IOException e) {
                log.warn("chunk {}: no copy from {} to {}: {}", chunk.chunkId(), from, to, e.toString());
            }
        }
        return false;
    }

    private boolean delete(String node, String chunkId) {
        try {
            if (node.equals(self)) local.delete(new ChunkId(chunkId)); else peers.delete(node, new ChunkId(chunkId));
            return true;
        } catch (IOException e) {
            log.warn("chunk {}: extra replica on {} not deleted yet: {}", chunkId, node, e.toString());
            return false;
        }
    }
}

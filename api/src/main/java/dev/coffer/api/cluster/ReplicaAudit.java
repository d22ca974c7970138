package dev.coffer.api.cluster;

import dev.coffer.api.jobs.CursorJob;
import dev.coffer.metadata.Catalog;
import dev.coffer.metadata.ChunkPointer;
import dev.coffer.metadata.ChunkReplicas;
import dev.coffer.metadata.ReplicasChanged;
import dev.coffer.storage.ChunkId;
import dev.coffer.storage.ChunkStore;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Job {@code replica-audit}, on every node of a cluster (docs/cluster.md, "Re-replication"): walks
 * every chunk pointer in the catalogue; a chunk that names this node but whose file is not here
 * (the data directory was emptied, the scrub or a GET quarantined it, it was deleted by hand) is
 * reported to the cluster by a command that takes this node out of its replica set (kind 71), so
 * that the leader's {@link Rereplication} makes a new replica from a good one. Counts the chunks
 * with fewer good replicas than the target as this node's catalogue names them: the replica
 * backlog of {@code /_coffer/health} and {@code coffer_jobs_backlog{kind="replica-audit"}}, as of
 * the last whole pass of this process (-1 before it ends). Durable state: its cursor in the catalogue's {@code jobs} table, one row
 * per node ({@code replica-audit/<node id>}: the walk's position, cleared between passes).
 */
final class ReplicaAudit extends CursorJob {
    static final String NAME = ReplicationConfiguration.AUDIT_JOB;
    private static final Logger log = LoggerFactory.getLogger(ReplicaAudit.class);
    private static final int RECORDS_PER_STEP = 256;

    private final ChunkStore chunks;
    private final String self;
    private final Supplier<ReplicaSets> view;
    private long counting;

    ReplicaAudit(Catalog catalog, ChunkStore chunks, String self, Supplier<ReplicaSets> view, Duration interval) {
        super(NAME, NAME + "/" + self, catalog, interval, Scope.EVERY_NODE); // it looks at this node's own files
        this.chunks = chunks;
        this.self = self;
        this.view = view;
        // -1 until this process's first whole pass: "not known yet", never a 0 that claims nothing is missing.
        publishBacklog(-1);
    }

    @Override
    public synchronized Step step() throws IOException {
        ReplicaSets sets = view.get();
        if (!sets.members().contains(self)) return new Step(0, false); // a joining node, not added yet
        byte[] at = loadCursor();
        if (at == null) counting = 0;
        ChunkReplicas.Page page = catalog.chunkReplicas().page(at, RECORDS_PER_STEP);
        for (ChunkPointer chunk : page.chunks()) {
            List<String> nodes = chunk.replicas();
            if (nodes.contains(self) && !present(chunk.chunkId())) nodes = reportMissing(chunk.chunkId(), nodes);
            if (sets.below(nodes)) counting++;
        }
        saveCursor(page.next());
        if (page.next() == null) publishBacklog(counting);
        return new Step(page.chunks().size(), page.next() != null);
    }

    private boolean present(String chunkId) throws IOException {
        try {
            chunks.publishedMillis(new ChunkId(chunkId));
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /** Takes this node out of the chunk's set; the set as it is now. */
    private List<String> reportMissing(String chunkId, List<String> nodes) {
        List<String> without = new ArrayList<>(nodes);
        without.remove(self);
        try {
            catalog.chunkReplicas().set(chunkId, nodes, without);
            log.warn("replica of chunk {} is missing on this node ({}): reported; re-replication makes another", chunkId, self);
            return without;
        } catch (ReplicasChanged changed) {
            return nodes; // another change came first; the next pass looks again
        }
    }
}

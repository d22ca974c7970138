package dev.coffer.metadata;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Where each chunk's replicas are (docs/cluster.md, "Re-replication"): the set its pointer named
 * when it was written, or the set re-replication last committed for it (kind 71), and a walk over
 * every chunk pointer the catalogue holds (current objects, stored versions, parts of uploads in
 * progress), in bounded pages resumable from a cursor.
 */
public final class ChunkReplicas {
    /** The tables walked, in this order; a cursor's first byte is the index of one. */
    private static final List<TableDef<?, ?>> WALKED = List.of(CatalogTables.OBJECTS, CatalogTables.VERSIONS, UploadTables.PARTS);

    private final RocksStore store;
    private final ChunkReplicaRows rows;
    private final CommandRunner runner;
    private final Runnable openCheck;

    ChunkReplicas(RocksStore store, CommandRunner runner, Runnable openCheck) {
        this.store = store;
        this.rows = new ChunkReplicaRows(store);
        this.runner = runner;
        this.openCheck = openCheck;
    }

    /** One page of chunks; {@code next} is null once the walk reached the end. */
    public record Page(List<ChunkPointer> chunks, byte[] next) {}

    /** The nodes that hold {@code chunk} now: the last set committed for it, else its pointer's. */
    public List<String> of(ChunkPointer chunk) {
        openCheck.run();
        return rows.get(chunk.chunkId()).orElse(chunk.replicas());
    }

    /**
     * Proposes that {@code chunkId}'s replicas become {@code after}, if they are still {@code
     * before} (what {@link #of} answered); a command of its own (kind 71).
     *
     * @throws ReplicasChanged if they changed meanwhile (nothing written)
     */
    public void set(String chunkId, List<String> before, List<String> after) {
        openCheck.run();
        runner.submit(new CatalogCommand.SetChunkReplicas(runner.choose(), Objects.requireNonNull(chunkId, "chunkId"),
                before, after));
    }

    /**
     * The chunks of up to {@code maxRecords} records after {@code cursor} (null: from the start),
     * each with the replicas {@link #of} names. A chunk written or moved while a walk is under way
     * may be met twice or not at all in that walk; the next walk meets it.
     */
    public Page page(byte[] cursor, int maxRecords) {
        openCheck.run();
        int table = cursor == null || cursor.length == 0 ? 0 : cursor[0];
        byte[] after = cursor == null || cursor.length == 0 ? null : Arrays.copyOfRange(cursor, 1, cursor.length);
        List<ChunkPointer> out = new ArrayList<>();
        int records = 0;
        for (; table < WALKED.size(); table++, after = null) {
            try (TableScan<?, ?> scan = store.table(WALKED.get(table)).scan()) {
                if (after == null) scan.seekToFirst(); else scan.seek(after);
                if (after != null && scan.valid() && Arrays.equals(scan.keyBytes(), after)) scan.next();
                for (; scan.valid(); scan.next()) {
                    for (ChunkPointer c : chunks(scan.value())) {
                        out.add(new ChunkPointer(c.chunkId(), c.length(), rows.get(c.chunkId()).orElse(c.replicas())));
                    }
                    if (++records == maxRecords) {
                        byte[] key = scan.keyBytes();
                        byte[] next = new byte[key.length + 1];
                        next[0] = (byte) table;
                        System.arraycopy(key, 0, next, 1, key.length);
                        return new Page(out, next);
                    }
                }
            }
        }
        return new Page(out, null);
    }

    private static List<ChunkPointer> chunks(Object record) {
        if (record instanceof ObjectRecord o) return o.chunks();
        if (record instanceof PartRecord p) return p.chunks();
        return List.of();
    }
}

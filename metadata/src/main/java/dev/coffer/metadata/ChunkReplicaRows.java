package dev.coffer.metadata;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.rocksdb.WriteBatch;

/**
 * A chunk's replica set when it changed after the chunk was written, in the {@code replicas}
 * table: key = chunk id (ASCII), value format 1 {@code 0x01 | var n | n x str node}. No row means
 * the set is the one its pointer names ({@link ChunkPointer#replicas()}). Written only by {@link
 * CatalogCommand.SetChunkReplicas} (kind 71); a row goes when {@link CatalogCommand.CompleteGc}
 * collects its chunk.
 */
final class ChunkReplicaRows {
    static final Codec<List<String>> NODES = new Codec<>() {
        @Override
        public byte[] encode(List<String> nodes) {
            ValueOutput out = new ValueOutput(ValueCodecs.V1);
            out.writeVarLong(nodes.size());
            nodes.forEach(out::writeString);
            return out.toByteArray();
        }

        @Override
        public List<String> decode(byte[] bytes) {
            ValueInput in = new ValueInput(bytes, ValueCodecs.V1, "chunk replicas");
            int n = in.readCount();
            List<String> nodes = new ArrayList<>(n);
            for (int i = 0; i < n; i++) nodes.add(in.readString());
            in.end();
            return List.copyOf(nodes);
        }
    };

    static final TableDef<String, List<String>> TABLE = new TableDef<>("replicas", JobStates.NAME, NODES, true);

    private final TypedTable<String, List<String>> table;

    ChunkReplicaRows(RocksStore store) {
        this.table = store.table(TABLE);
    }

    Optional<List<String>> get(String chunkId) {
        return table.get(chunkId);
    }

    /**
     * Sets the chunk's replica set to {@code after}, into the applying command's batch, if it is
     * still {@code before}: the row's set, or (no row) the set its pointer names, which the
     * proposer read and the applier cannot look up by chunk id.
     *
     * @throws ReplicasChanged if a row holds another set (nothing written)
     */
    void set(WriteBatch batch, String chunkId, List<String> before, List<String> after) {
        Optional<List<String>> now = table.get(chunkId);
        if (now.isPresent() && !now.get().equals(before)) throw new ReplicasChanged(chunkId);
        table.put(batch, chunkId, after);
    }

    /** Removes the rows of collected chunks, into the applying command's batch. */
    void removeAll(WriteBatch batch, Collection<GcEntry> collected) {
        for (GcEntry entry : collected) table.delete(batch, entry.chunkId());
    }
}

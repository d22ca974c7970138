package dev.coffer.metadata;

import java.util.Set;
import java.util.TreeSet;
import org.rocksdb.WriteBatch;

/**
 * Cluster nodes' placement states, in the {@code nodes} table: one row per node marked draining
 * (it receives no new chunk replicas); no row means the node takes replicas. Written only by
 * {@link CatalogCommand.SetNodeDraining} (kind 70), read by chunk placement.
 */
final class NodeStates {
    /** Format 1: {@code 0x01 | byte draining (1)}. */
    static final Codec<Boolean> STATE = new Codec<>() {
        @Override
        public byte[] encode(Boolean draining) {
            ValueOutput out = new ValueOutput(ValueCodecs.V1);
            out.writeByte(draining ? 1 : 0);
            return out.toByteArray();
        }

        @Override
        public Boolean decode(byte[] bytes) {
            ValueInput in = new ValueInput(bytes, ValueCodecs.V1, "node state");
            boolean draining = in.readByte() == 1;
            in.end();
            return draining;
        }
    };

    /** Node ids as UTF-8 (letters, digits, '-' and '_', checked by the cluster's configuration). */
    static final TableDef<String, Boolean> TABLE = new TableDef<>("nodes", JobStates.NAME, STATE, true);

    private final TypedTable<String, Boolean> table;

    NodeStates(RocksStore store) {
        this.table = store.table(TABLE);
    }

    /** The nodes marked draining, in id order. */
    Set<String> draining() {
        Set<String> out = new TreeSet<>();
        try (TableScan<String, Boolean> scan = table.scan().seekToFirst()) {
            for (; scan.valid(); scan.next()) {
                if (scan.value()) out.add(scan.key());
            }
        }
        return out;
    }

    /** Marks or clears {@code node}, into the applying command's batch. */
    void set(WriteBatch batch, String node, boolean draining) {
        if (draining) {
            table.put(batch, node, true);
        } else {
            table.delete(batch, node);
        }
    }
}

package dev.coffer.metadata;

import java.util.Map;
import java.util.TreeMap;
import org.rocksdb.WriteBatch;

/**
 * Event-notification targets added at run time (the api's admin endpoint), in the
 * {@code notify-targets} table: one row per target id, holding the target's settings as bytes
 * whose meaning belongs to the api. Written only by {@link CatalogCommand.SetNotificationTarget}
 * (kind 67), so every node of a cluster agrees on them.
 */
final class NotificationTargets {
    /** Ids as UTF-8 (checked by the api: letters, digits, '-' and '_'); values as job cursors (format 1, bytes). */
    static final TableDef<String, byte[]> TABLE =
            new TableDef<>("notify-targets", JobStates.NAME, JobStates.CURSOR, true);

    private final TypedTable<String, byte[]> table;

    NotificationTargets(RocksStore store) {
        this.table = store.table(TABLE);
    }

    /** Every target, by id. */
    Map<String, byte[]> all() {
        Map<String, byte[]> out = new TreeMap<>();
        try (TableScan<String, byte[]> scan = table.scan().seekToFirst()) {
            for (; scan.valid(); scan.next()) out.put(scan.key(), scan.value());
        }
        return out;
    }

    /** Sets ({@code value} not null) or removes the target's row, into the applying command's batch. */
    void set(WriteBatch batch, String id, byte[] value) {
        if (value == null) {
            table.delete(batch, id);
        } else {
            table.put(batch, id, value);
        }
    }
}

package dev.coffer.metadata;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.rocksdb.RocksIterator;

/** Every row of every table, as {@code table key=value} in hex, in order: two catalogues compare byte for byte (tests). */
final class CatalogDump {
    private CatalogDump() {
    }

    static List<String> rows(RocksStore store) {
        HexFormat hex = HexFormat.of();
        List<String> rows = new ArrayList<>();
        store.enter();
        try (RocksIterator it = store.db().newIterator()) { // RocksDB's default family: meant to stay empty
            for (it.seekToFirst(); it.isValid(); it.next()) {
                rows.add("default " + hex.formatHex(it.key()));
            }
        } finally {
            store.leave();
        }
        for (TableDef<?, ?> def : CatalogTables.ALL) {
            try (TableScan<?, ?> scan = store.table(def).scan().seekToFirst()) {
                for (; scan.valid(); scan.next()) {
                    rows.add(def.name() + " " + hex.formatHex(scan.keyBytes()) + "=" + hex.formatHex(scan.valueBytes()));
                }
            }
        }
        return rows;
    }
}

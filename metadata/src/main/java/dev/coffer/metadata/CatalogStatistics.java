package dev.coffer.metadata;


/**
 * Counts objects, old versions, delete markers, unfinished multipart uploads (with their parts'
 * bytes) and the GC queue in one full scan at one snapshot. O(rows): the caller runs it rarely (a
 * metrics refresh every minute or so, or an operator's explicit recount), never per request.
 */
final class CatalogStatistics {
    private final RocksStore store;

    CatalogStatistics(RocksStore store) {
        this.store = store;
    }

    CatalogStats read() {
        try (CatalogSnapshot view = new CatalogSnapshot(store, false)) {
            long count = 0;
            long bytes = 0;
            try (TableScan<ObjectKey, ObjectRecord> scan = store.table(CatalogTables.OBJECTS).scan(null, view).seekToFirst()) {
                for (; scan.valid(); scan.next()) {
                    count++;
                    bytes += ValueCodecs.objectSize(scan.valueBytes());
                }
            }
            long versions = 0;
            long versionBytes = 0;
            long markers = 0;
            try (TableScan<VersionKey, ObjectRecord> scan = store.table(CatalogTables.VERSIONS).scan(null, view).seekToFirst()) {
                for (; scan.valid(); scan.next()) {
                    if (scan.value().deleteMarker()) {
                        markers++;
                    } else {
                        versions++;
                        versionBytes += scan.value().size();
                    }
                }
            }
            long uploads = 0;
            try (TableScan<UploadKey, UploadRecord> scan = store.table(UploadTables.UPLOADS).scan(null, view).seekToFirst()) {
                for (; scan.valid(); scan.next()) {
                    uploads++;
                }
            }
            long uploadBytes = 0;
            try (TableScan<PartKey, PartRecord> scan = store.table(UploadTables.PARTS).scan(null, view).seekToFirst()) {
                for (; scan.valid(); scan.next()) {
                    uploadBytes += scan.value().size();
                }
            }
            long backlog = 0;
            try (TableScan<GcQueue.Key, GcEntry> scan = store.table(CatalogTables.GC).scan(null, view).seekToFirst()) {
                for (; scan.valid(); scan.next()) {
                    backlog++;
                }
            }
            return new CatalogStats(count, bytes, backlog, versions, versionBytes, markers, uploads, uploadBytes);
        }
    }
}

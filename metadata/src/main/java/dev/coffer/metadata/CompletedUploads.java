package dev.coffer.metadata;

import java.util.Optional;
import org.rocksdb.WriteBatch;

/**
 * The small record of completed uploads that lets a retried CompleteMultipartUpload answer as the
 * first one did. Entries expire after {@link #RETENTION_MILLIS}; each completion removes up to
 * {@link #PRUNE_PER_COMPLETION} expired ones from the front of the table (ids sort by initiation
 * time, so the front holds the oldest), which keeps the table near the size of one retention
 * window without a scan of its own.
 */
final class CompletedUploads {
    /** A client retries within seconds or minutes; a day is generous and still small. */
    static final long RETENTION_MILLIS = 24L * 60 * 60 * 1000;
    static final int PRUNE_PER_COMPLETION = 16;

    private final TypedTable<String, CompletedUpload> table;

    CompletedUploads(RocksStore store) {
        this.table = store.table(UploadTables.COMPLETED);
    }

    /** The completion of {@code id} if it is remembered and the key still holds what it produced. */
    Optional<CompletedUpload> stillCurrent(UploadKey id, Optional<ObjectRecord> current) {
        return table.get(id.uploadId()).filter(c -> c.bucket().equals(id.bucket()) && c.key().equals(id.key())
                && current.isPresent() && current.get().etag().equals(c.etag())
                && current.get().lastModifiedMillis() == c.lastModifiedMillis());
    }

    void remember(WriteBatch batch, UploadKey id, ObjectRecord record, long nowMillis) {
        table.put(batch, id.uploadId(), new CompletedUpload(id.bucket(), id.key(), id.uploadId(), record.etag(),
                record.lastModifiedMillis(), nowMillis));
        try (TableScan<String, CompletedUpload> scan = table.scan().seekToFirst()) {
            for (int seen = 0; seen < PRUNE_PER_COMPLETION && scan.valid(); scan.next(), seen++) {
                CompletedUpload c = scan.value();
                if (c.completedMillis() < nowMillis - RETENTION_MILLIS) table.delete(batch, c.uploadId());
            }
        }
    }
}

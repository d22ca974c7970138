package dev.coffer.metadata;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.rocksdb.WriteBatch;

/**
 * Multipart uploads in the catalogue: start, add parts, list, abort, complete. Reached through
 * {@link Catalog#uploads()}; every method blocks.
 *
 * <p>Locking: every write of an upload holds its object key's stripe (bucket shared, key
 * exclusive), the stripe {@link ObjectWriter} takes to publish at that key. So a part cannot
 * commit after its upload was completed or aborted (its chunks would be orphaned), and a
 * completion is atomic with respect to every other write of the key. Each mutation is one batch;
 * chunks no longer named by any part or object are queued for GC in that batch.
 *
 * <p>An id that is not well formed ({@link UploadIds#isWellFormed}) names no upload.
 */
public final class MultipartUploads {
    private final RocksStore store;
    private final TypedTable<String, BucketRecord> buckets;
    private final TypedTable<UploadKey, UploadRecord> uploads;
    private final TypedTable<PartKey, PartRecord> parts;
    private final CompletedUploads completed;
    private final GcQueue gc;
    private final LockStripes locks;
    private final ObjectWriter writer;
    private final TypedTable<ObjectKey, ObjectRecord> objects;
    private final Runnable openCheck;

    MultipartUploads(RocksStore store, GcQueue gc, LockStripes locks, ObjectWriter writer, Runnable openCheck) {
        this.store = store;
        this.buckets = store.table(CatalogTables.BUCKETS);
        this.objects = store.table(CatalogTables.OBJECTS);
        this.uploads = store.table(UploadTables.UPLOADS);
        this.parts = store.table(UploadTables.PARTS);
        this.completed = new CompletedUploads(store);
        this.gc = gc;
        this.locks = locks;
        this.writer = writer;
        this.openCheck = openCheck;
    }

    /** Records a new upload. @throws NoSuchBucketException if the bucket does not exist */
    public void create(UploadRecord upload) {
        UploadKey id = new UploadKey(upload.bucket(), upload.key(), upload.uploadId());
        locked(id, () -> {
            if (buckets.get(id.bucket()).isEmpty()) throw new NoSuchBucketException(id.bucket());
            try (WriteBatch batch = new WriteBatch()) {
                uploads.put(batch, id, upload);
                store.commit(batch);
            }
            return null;
        });
    }

    public Optional<UploadRecord> get(String bucket, String key, String uploadId) {
        openCheck.run();
        if (!UploadIds.isWellFormed(uploadId)) return Optional.empty();
        return uploads.get(new UploadKey(Objects.requireNonNull(bucket), Objects.requireNonNull(key), uploadId));
    }

    /**
     * Publishes a part, replacing any part of the same number, whose chunks (those the new part
     * does not share) are queued for GC in the same batch.
     *
     * @throws NoSuchUploadException if the upload is not in progress (nothing written)
     */
    public void putPart(String bucket, String key, String uploadId, PartRecord part) {
        UploadKey id = existing(bucket, key, uploadId);
        locked(id, () -> {
            require(id);
            PartKey partKey = new PartKey(uploadId, part.partNumber());
            Optional<PartRecord> old = parts.get(partKey);
            try (WriteBatch batch = new WriteBatch()) {
                parts.put(batch, partKey, part);
                old.ifPresent(o -> gc.enqueue(batch, chunksOnlyIn(o.chunks(), part.chunks()), now()));
                store.commit(batch);
            }
            return null;
        });
    }

    /** Up to {@code maxParts} parts numbered above {@code afterPartNumber}. @throws NoSuchUploadException */
    public PartListPage listParts(String bucket, String key, String uploadId, int afterPartNumber, int maxParts) {
        UploadKey id = existing(bucket, key, uploadId);
        UploadRecord upload = require(id);
        List<PartRecord> page = PartRange.scan(parts, uploadId, afterPartNumber, maxParts + 1);
        boolean truncated = page.size() > maxParts;
        return new PartListPage(upload, truncated ? page.subList(0, maxParts) : page, truncated);
    }

    /** One page of uploads in progress, O(page). @throws NoSuchBucketException */
    public UploadListPage list(UploadListQuery query) {
        openCheck.run();
        if (buckets.get(query.bucket()).isEmpty()) throw new NoSuchBucketException(query.bucket());
        return new UploadLister(uploads).list(query);
    }

    /** Removes the upload and its parts, queueing every part's chunks for GC. @throws NoSuchUploadException */
    public void abort(String bucket, String key, String uploadId) {
        UploadKey id = existing(bucket, key, uploadId);
        locked(id, () -> {
            require(id);
            try (WriteBatch batch = new WriteBatch()) {
                removeUpload(batch, id, PartRange.all(parts, uploadId), List.of());
                store.commit(batch);
            }
            return null;
        });
    }

    /**
     * Publishes the object {@code plan} builds from the upload and its parts, through the same
     * {@link ObjectWriter} path as a PutObject, and in that same batch removes the upload and its
     * parts and queues the chunks of parts the object does not use. No byte is copied: the
     * object's chunks are its parts' chunks. A retry of a completed upload whose object is still
     * at the key answers that object with {@code retried} set.
     *
     * @param condition checked against the key's current object as a PutObject's is; when it fails
     *     nothing is written and the upload stays in progress
     * @throws NoSuchUploadException if the upload is not in progress and not just completed
     * @throws NoSuchBucketException if the bucket was deleted
     * @throws ConditionalWriteConflict if {@code condition} does not hold
     */
    public UploadCompletion complete(String bucket, String key, String uploadId, UploadCompletion.Plan plan,
                                     WriteCondition condition) {
        UploadKey id = existing(bucket, key, uploadId);
        return locked(id, () -> {
            Optional<UploadRecord> upload = uploads.get(id);
            if (upload.isEmpty()) {
                completed.stillCurrent(id, objects.get(id.object())).orElseThrow(() -> noSuchUpload(id));
                Versioning state = buckets.get(bucket).map(BucketRecord::versioning).orElse(Versioning.UNVERSIONED);
                return new UploadCompletion(new ObjectVersion(objects.get(id.object()).orElseThrow(), state), true);
            }
            List<PartRecord> all = PartRange.all(parts, uploadId);
            ObjectRecord record = plan.build(upload.get(), all);
            // The writer applies the bucket's versioning: the published record carries its version id.
            ObjectVersion published = writer.put(id.object(), record, condition, batch -> {
                removeUpload(batch, id, all, record.chunks());
                completed.remember(batch, id, record, now());
            }).published();
            return new UploadCompletion(published, false);
        });
    }

    /** Every chunk a part names, for the orphan sweep; read with the caller's (snapshot) options. */
    static void forEachPartChunk(RocksStore store, CatalogSnapshot view, java.util.function.Consumer<String> sink) {
        PartRange.forEachChunk(store.table(UploadTables.PARTS), view, sink);
    }

    /**
     * Removes every upload in progress in the bucket, into the caller's batch, queueing their parts'
     * chunks for GC: S3 deletes a bucket with uploads in progress and discards them.
     * REQUIRES: the bucket's exclusive lock (no upload of it can change meanwhile).
     */
    void removeAllInBucket(WriteBatch batch, String bucket) {
        byte[] start = KeyCodecs.bucketStart(bucket);
        List<UploadKey> ids = new java.util.ArrayList<>();
        try (TableScan<UploadKey, UploadRecord> scan = uploads.scanPrefix(start)) {
            for (; scan.valid(); scan.next()) ids.add(scan.key());
        }
        for (UploadKey id : ids) removeUpload(batch, id, PartRange.all(parts, id.uploadId()), List.of());
    }

    private void removeUpload(WriteBatch batch, UploadKey id, List<PartRecord> all, List<ChunkPointer> kept) {
        uploads.delete(batch, id);
        Set<String> unused = new LinkedHashSet<>();
        for (PartRecord p : all) {
            parts.delete(batch, new PartKey(id.uploadId(), p.partNumber()));
            unused.addAll(chunksOnlyIn(p.chunks(), kept));
        }
        gc.enqueue(batch, unused, now());
    }

    private UploadKey existing(String bucket, String key, String uploadId) {
        openCheck.run();
        if (!UploadIds.isWellFormed(uploadId)) throw new NoSuchUploadException(bucket, key, String.valueOf(uploadId));
        UploadKey id = new UploadKey(Objects.requireNonNull(bucket), Objects.requireNonNull(key), uploadId);
        UploadKeyCodecs.UPLOAD.encode(id); // refuse a malformed key before taking any lock
        return id;
    }

    private UploadRecord require(UploadKey id) {
        return uploads.get(id).orElseThrow(() -> noSuchUpload(id));
    }

    private static NoSuchUploadException noSuchUpload(UploadKey id) {
        return new NoSuchUploadException(id.bucket(), id.key(), id.uploadId());
    }

    private <T> T locked(UploadKey id, java.util.function.Supplier<T> body) {
        openCheck.run();
        return locks.withKeyInBucket(id.bucket(), id.key(), body);
    }

    private static Set<String> chunksOnlyIn(List<ChunkPointer> chunks, List<ChunkPointer> kept) {
        Set<String> ids = new LinkedHashSet<>();
        chunks.forEach(c -> ids.add(c.chunkId()));
        kept.forEach(c -> ids.remove(c.chunkId()));
        return ids;
    }

    private static long now() {
        return System.currentTimeMillis();
    }
}

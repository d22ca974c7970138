package dev.coffer.metadata;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Multipart uploads in the catalogue: start, add parts, list, abort, complete. Reached through
 * {@link Catalog#uploads()}; every method blocks.
 *
 * <p>Every change is a {@link CatalogCommand} applied by {@link UploadWriter} under the object
 * key's stripe (bucket shared, key exclusive), the stripe a PutObject of that key takes. So a part
 * cannot commit after its upload was completed or aborted (its chunks would be orphaned), and a
 * completion is atomic with respect to every other write of the key. Each change is one batch;
 * chunks no longer named by any part or object are queued for GC in that batch.
 *
 * <p>An id that is not well formed ({@link UploadIds#isWellFormed}) names no upload.
 */
public final class MultipartUploads {
    private final TypedTable<String, BucketRecord> buckets;
    private final TypedTable<UploadKey, UploadRecord> uploads;
    private final TypedTable<PartKey, PartRecord> parts;
    private final TypedTable<ObjectKey, ObjectRecord> objects;
    private final CompletedUploads completed;
    private final CommandRunner runner;
    private final Runnable openCheck;

    MultipartUploads(RocksStore store, CommandRunner runner, Runnable openCheck) {
        this.buckets = store.table(CatalogTables.BUCKETS);
        this.objects = store.table(CatalogTables.OBJECTS);
        this.uploads = store.table(UploadTables.UPLOADS);
        this.parts = store.table(UploadTables.PARTS);
        this.completed = new CompletedUploads(store);
        this.runner = runner;
        this.openCheck = openCheck;
    }

    /** Records a new upload. @throws NoSuchBucketException if the bucket does not exist */
    public void create(UploadRecord upload) {
        openCheck.run();
        UploadKeyCodecs.UPLOAD.encode(new UploadKey(upload.bucket(), upload.key(), upload.uploadId()));
        runner.submit(new CatalogCommand.CreateUpload(runner.choose(), upload));
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
        runner.submit(new CatalogCommand.PutPart(runner.choose(), id.bucket(), id.key(), id.uploadId(), part));
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
        runner.submit(new CatalogCommand.AbortUpload(runner.choose(), id.bucket(), id.key(), id.uploadId()));
    }

    /**
     * Publishes the object {@code plan} builds from the upload and its parts, through the same
     * path as a PutObject, and in that same batch removes the upload and its parts and queues the
     * chunks of parts the object does not use. No byte is copied: the object's chunks are its
     * parts' chunks. The plan runs first, holding no lock; the command then carries the record and
     * the parts it was built from, and is refused ({@link PartChangedException}) if one of them
     * was uploaded again meanwhile. A retry of a completed upload whose object is still at the key
     * answers that object with {@code retried} set.
     *
     * @param condition checked against the key's current object as a PutObject's is; when it fails
     *     nothing is written and the upload stays in progress
     * @throws NoSuchUploadException if the upload is not in progress and not just completed
     * @throws NoSuchBucketException if the bucket was deleted
     * @throws ConditionalWriteConflict if {@code condition} does not hold
     */
    public UploadCompletion complete(String bucket, String key, String uploadId, UploadCompletion.Plan plan,
                                     WriteCondition condition) {
        return complete(bucket, key, uploadId, plan, condition, null);
    }

    /** {@link #complete}, its event naming the request; origin may be null. */
    public UploadCompletion complete(String bucket, String key, String uploadId, UploadCompletion.Plan plan,
                                     WriteCondition condition, EventOrigin origin) {
        UploadKey id = existing(bucket, key, uploadId);
        Optional<UploadRecord> upload = uploads.get(id);
        if (upload.isEmpty()) {
            return retried(id);
        }
        List<PartRecord> all = PartRange.all(parts, uploadId);
        ObjectRecord record = plan.build(upload.get(), all);
        // The parts the record was built from: named in it, or lending it a chunk.
        Set<Integer> numbers = new HashSet<>();
        record.parts().forEach(p -> numbers.add(p.partNumber()));
        Set<String> chunks = new HashSet<>();
        record.chunks().forEach(c -> chunks.add(c.chunkId()));
        List<PartRecord> used = all.stream().filter(p -> numbers.contains(p.partNumber())
                || p.chunks().stream().anyMatch(c -> chunks.contains(c.chunkId()))).toList();
        try {
            ObjectVersion published = (ObjectVersion) runner.submit(ObjectVersions.requested(
                    new CatalogCommand.CompleteUpload(runner.choose(), id.bucket(), id.key(), id.uploadId(), used,
                            record, condition), origin));
            return new UploadCompletion(published, false);
        } catch (NoSuchUploadException e) {
            return retried(id); // a concurrent completion of the same upload got there first
        }
    }

    /** The answer to a completion of an upload no longer in progress. */
    private UploadCompletion retried(UploadKey id) {
        Optional<ObjectRecord> current = objects.get(id.object());
        completed.stillCurrent(id, current).orElseThrow(() -> noSuchUpload(id));
        Versioning state = buckets.get(id.bucket()).map(BucketRecord::versioning).orElse(Versioning.UNVERSIONED);
        return new UploadCompletion(new ObjectVersion(current.orElseThrow(), state), true);
    }

    /** Every chunk a part names, for the orphan sweep; read at the caller's snapshot. */
    static void forEachPartChunk(RocksStore store, CatalogSnapshot view, java.util.function.Consumer<String> sink) {
        PartRange.forEachChunk(store.table(UploadTables.PARTS), view, sink);
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
}

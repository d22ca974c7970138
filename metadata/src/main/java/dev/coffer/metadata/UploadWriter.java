package dev.coffer.metadata;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.rocksdb.WriteBatch;

/**
 * The multipart part of {@link CommandApplier}: start, add a part, abort, complete, and the
 * discarding of a deleted bucket's uploads, each into the applying command's batch. Chunks no
 * longer named by any part or object are queued for GC in that batch. REQUIRES: the caller holds
 * the object key's stripe (the one {@link ObjectWriter} needs), so a part cannot commit after its
 * upload was completed or aborted, and a completion is atomic with every other write of the key.
 */
final class UploadWriter {
    private final TypedTable<String, BucketRecord> buckets;
    private final TypedTable<UploadKey, UploadRecord> uploads;
    private final TypedTable<PartKey, PartRecord> parts;
    private final CompletedUploads completed;
    private final GcQueue gc;
    private final ObjectWriter objects;

    UploadWriter(RocksStore store, GcQueue gc, ObjectWriter objects) {
        this.buckets = store.table(CatalogTables.BUCKETS);
        this.uploads = store.table(UploadTables.UPLOADS);
        this.parts = store.table(UploadTables.PARTS);
        this.completed = new CompletedUploads(store);
        this.gc = gc;
        this.objects = objects;
    }

    void create(WriteBatch batch, UploadRecord upload) {
        BucketRecord bucket = buckets.get(upload.bucket()).orElseThrow(() -> new NoSuchBucketException(upload.bucket()));
        ObjectLockRules.checkLockable(bucket, upload.attributes());
        uploads.put(batch, new UploadKey(upload.bucket(), upload.key(), upload.uploadId()), upload);
    }

    /** Stores the part, replacing any of the same number, whose chunks the new part does not share go to GC. */
    void putPart(WriteBatch batch, CatalogCommand.Choice choice, UploadKey id, PartRecord part) {
        require(id);
        PartKey partKey = new PartKey(id.uploadId(), part.partNumber());
        Optional<PartRecord> old = parts.get(partKey);
        parts.put(batch, partKey, part);
        old.ifPresent(o -> gc.enqueue(batch, choice, chunksOnlyIn(o.chunks(), part.chunks())));
    }

    void abort(WriteBatch batch, CatalogCommand.Choice choice, UploadKey id) {
        require(id);
        remove(batch, choice, id, PartRange.all(parts, id.uploadId()), List.of());
    }

    /**
     * Publishes the completed object through {@link ObjectWriter#put} and, in the same batch,
     * removes the upload and its parts, queues the chunks of parts the object does not use, and
     * remembers the completion for retries.
     */
    ObjectVersion complete(WriteBatch batch, CatalogCommand.CompleteUpload c, UploadKey id) {
        UploadRecord upload = require(id);
        List<PartRecord> all = PartRange.all(parts, id.uploadId());
        Map<Integer, PartRecord> stored = all.stream().collect(Collectors.toMap(PartRecord::partNumber, Function.identity()));
        for (PartRecord used : c.used()) {
            if (!used.equals(stored.get(used.partNumber()))) {
                throw new PartChangedException(id.bucket(), id.key(), id.uploadId(), used.partNumber());
            }
        }
        ObjectVersion published = objects.put(batch, c.choice(), id.object(), withUploadAttributes(c.record(), upload),
                c.condition()).published();
        remove(batch, c.choice(), id, all, c.record().chunks());
        completed.remember(batch, id, published.record(), c.choice().millis());
        return published;
    }

    /** The upload's attributes under the completion's own (which win on a name both have). */
    private static ObjectRecord withUploadAttributes(ObjectRecord record, UploadRecord upload) {
        if (upload.attributes().isEmpty()) return record;
        Map<String, byte[]> merged = new java.util.TreeMap<>(upload.attributes());
        merged.putAll(record.attributes());
        return record.withAttributes(merged);
    }

    /**
     * Removes every upload in progress in the bucket, queueing their parts' chunks: S3 deletes a
     * bucket with uploads in progress and discards them. REQUIRES: the bucket's exclusive stripe.
     */
    void removeAllInBucket(WriteBatch batch, CatalogCommand.Choice choice, String bucket) {
        List<UploadKey> ids = new ArrayList<>();
        try (TableScan<UploadKey, UploadRecord> scan = uploads.scanPrefix(KeyCodecs.bucketStart(bucket))) {
            for (; scan.valid(); scan.next()) ids.add(scan.key());
        }
        for (UploadKey id : ids) remove(batch, choice, id, PartRange.all(parts, id.uploadId()), List.of());
    }

    private void remove(WriteBatch batch, CatalogCommand.Choice choice, UploadKey id, List<PartRecord> all,
                        List<ChunkPointer> kept) {
        uploads.delete(batch, id);
        Set<String> unused = new LinkedHashSet<>();
        for (PartRecord p : all) {
            parts.delete(batch, new PartKey(id.uploadId(), p.partNumber()));
            unused.addAll(chunksOnlyIn(p.chunks(), kept));
        }
        gc.enqueue(batch, choice, unused);
    }

    private UploadRecord require(UploadKey id) {
        return uploads.get(id).orElseThrow(() -> new NoSuchUploadException(id.bucket(), id.key(), id.uploadId()));
    }

    private static Set<String> chunksOnlyIn(List<ChunkPointer> chunks, List<ChunkPointer> kept) {
        Set<String> ids = new LinkedHashSet<>();
        chunks.forEach(c -> ids.add(c.chunkId()));
        kept.forEach(c -> ids.remove(c.chunkId()));
        return ids;
    }
}

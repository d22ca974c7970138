package dev.coffer.metadata;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.rocksdb.WriteBatch;

/**
 * Object puts and deletes: check and write under the key's stripe, each as one WriteBatch that
 * also queues the superseded record's chunks for GC. Lock choice: see {@link LockStripes}.
 */
final class ObjectWriter {
    private final RocksStore store;
    private final TypedTable<String, BucketRecord> buckets;
    private final TypedTable<ObjectKey, ObjectRecord> objects;
    private final GcQueue gc;
    private final LockStripes locks;

    ObjectWriter(RocksStore store, GcQueue gc, LockStripes locks) {
        this.store = store;
        this.buckets = store.table(CatalogTables.BUCKETS);
        this.objects = store.table(CatalogTables.OBJECTS);
        this.gc = gc;
        this.locks = locks;
    }

    Optional<ObjectRecord> put(ObjectKey id, ObjectRecord record, WriteCondition condition) {
        return put(id, record, condition, batch -> { });
    }

    /**
     * {@link #put}, with {@code alsoInBatch} adding writes to the same batch (completing a multipart
     * upload removes the upload in the batch that publishes its object).
     */
    Optional<ObjectRecord> put(ObjectKey id, ObjectRecord record, WriteCondition condition,
                               java.util.function.Consumer<WriteBatch> alsoInBatch) {
        KeyCodecs.OBJECT_KEY.encode(id); // refuse a malformed key before taking any lock
        return locks.withKeyInBucket(id.bucket(), id.key(), () -> {
            if (buckets.get(id.bucket()).isEmpty()) {
                throw new NoSuchBucketException(id.bucket());
            }
            Optional<ObjectRecord> old = objects.get(id);
            if (!holds(condition, old)) {
                throw new ConditionalWriteConflict(id.bucket(), id.key());
            }
            try (WriteBatch batch = new WriteBatch()) {
                objects.put(batch, id, record);
                old.ifPresent(o -> gc.enqueue(batch, chunksOnlyIn(o, record), System.currentTimeMillis()));
                alsoInBatch.accept(batch);
                store.commit(batch);
            }
            return old;
        });
    }

    Optional<ObjectRecord> delete(ObjectKey id) {
        KeyCodecs.OBJECT_KEY.encode(id);
        // The key's stripe alone: a delete cannot make a deleted bucket hold an object.
        return locks.withKey(id.bucket(), id.key(), () -> {
            Optional<ObjectRecord> old = objects.get(id);
            if (old.isPresent()) {
                try (WriteBatch batch = new WriteBatch()) {
                    objects.delete(batch, id);
                    gc.enqueue(batch, chunksOnlyIn(old.get(), null), System.currentTimeMillis());
                    store.commit(batch);
                }
            }
            return old;
        });
    }

    static boolean holds(WriteCondition condition, Optional<ObjectRecord> current) {
        if (condition == null || condition instanceof WriteCondition.None) {
            return true;
        }
        if (condition instanceof WriteCondition.IfAbsent) {
            return current.isEmpty();
        }
        if (condition instanceof WriteCondition.IfEtagMatches m) {
            return current.isPresent() && m.etag().equals(current.get().etag());
        }
        throw new IllegalArgumentException("unknown condition " + condition);
    }

    /**
     * The chunks of {@code old} that {@code replacement} does not also reference: a rewrite
     * that keeps chunks (say, a metadata-only copy onto itself) must not queue live chunks.
     */
    private static Set<String> chunksOnlyIn(ObjectRecord old, ObjectRecord replacement) {
        Set<String> ids = new LinkedHashSet<>();
        old.chunks().forEach(c -> ids.add(c.chunkId()));
        if (replacement != null) {
            replacement.chunks().forEach(c -> ids.remove(c.chunkId()));
        }
        return ids;
    }
}

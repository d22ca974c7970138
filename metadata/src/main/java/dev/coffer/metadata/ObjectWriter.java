package dev.coffer.metadata;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.rocksdb.WriteBatch;

/**
 * Object puts and deletes under the bucket's versioning rules (S3's): check and write under the
 * key's stripe, each as one WriteBatch that also queues for GC the chunks of whatever version it
 * removes. The only path that writes an object version; multipart completion comes through {@link
 * #put(ObjectKey, ObjectRecord, WriteCondition, Consumer)}. Tables: {@link CatalogTables}; lock
 * choice: {@link LockStripes}.
 *
 * <ul>
 *   <li>Unversioned: the write replaces the key's one version; its chunks are queued.
 *   <li>Enabled: the write gets a new version id and the old current version is kept.
 *   <li>Suspended: the write is the null version, replacing (and queuing) any earlier null
 *       version; other versions are kept.
 * </ul>
 */
final class ObjectWriter {
    /** What a put published, and the version it replaced as current (kept or removed). */
    record Result(ObjectVersion published, Optional<ObjectRecord> superseded) {}

    private final RocksStore store;
    private final TypedTable<String, BucketRecord> buckets;
    private final VersionChain chain;
    private final GcQueue gc;
    private final LockStripes locks;

    ObjectWriter(RocksStore store, GcQueue gc, LockStripes locks) {
        this.store = store;
        this.buckets = store.table(CatalogTables.BUCKETS);
        this.chain = new VersionChain(store);
        this.gc = gc;
        this.locks = locks;
    }

    Result put(ObjectKey id, ObjectRecord record, WriteCondition condition) {
        return put(id, record, condition, batch -> { });
    }

    /**
     * {@link #put}, with {@code alsoInBatch} adding writes to the same batch (completing a multipart
     * upload removes the upload in the batch that publishes its object).
     */
    Result put(ObjectKey id, ObjectRecord record, WriteCondition condition, Consumer<WriteBatch> alsoInBatch) {
        KeyCodecs.OBJECT_KEY.encode(id); // refuse a malformed key before taking any lock
        return locks.withKeyInBucket(id.bucket(), id.key(), () -> {
            Versioning state = versioning(id);
            Optional<ObjectRecord> current = chain.current(id);
            if (!holds(condition, current)) {
                throw new ConditionalWriteConflict(id.bucket(), id.key(), condition, current.isPresent());
            }
            long now = System.currentTimeMillis();
            try (WriteBatch batch = new WriteBatch()) {
                ObjectRecord published;
                if (state == Versioning.UNVERSIONED) {
                    published = record.withVersionId(null);
                    chain.setCurrent(batch, id, published);
                    current.ifPresent(o -> gc.enqueue(batch, chunksOnlyIn(o, published), now));
                } else {
                    long stamp = chain.nextStamp(id, current);
                    if (state == Versioning.ENABLED) {
                        published = record.withVersionId(VersionIds.newId(stamp));
                        current.ifPresent(c -> chain.demote(batch, id, c));
                    } else {
                        published = record.withVersionId(null);
                        dropNullVersion(batch, id, current, published, now);
                        current.filter(c -> c.versionId() != null).ifPresent(c -> chain.demote(batch, id, c));
                    }
                    chain.setCurrent(batch, id, published, stamp);
                }
                alsoInBatch.accept(batch);
                store.commit(batch);
                return new Result(new ObjectVersion(published, state), current);
            }
        });
    }

    /** DeleteObject without a version id: removes the key, or adds a delete marker. */
    DeleteOutcome deleteLatest(ObjectKey id) {
        KeyCodecs.OBJECT_KEY.encode(id);
        // The bucket stripe too: a delete marker must not land in a bucket being deleted.
        return locks.withKeyInBucket(id.bucket(), id.key(), () -> {
            Versioning state = versioning(id);
            Optional<ObjectRecord> current = chain.current(id);
            long now = System.currentTimeMillis();
            try (WriteBatch batch = new WriteBatch()) {
                DeleteOutcome outcome;
                if (state == Versioning.UNVERSIONED) {
                    current.ifPresent(c -> {
                        chain.removeCurrent(batch, id, c);
                        gc.enqueue(batch, chunksOnlyIn(c, null), now);
                    });
                    outcome = new DeleteOutcome(null, false, current.orElse(null));
                } else {
                    long stamp = chain.nextStamp(id, current);
                    ObjectRecord marker = ObjectRecord.deleteMarker(
                            state == Versioning.ENABLED ? VersionIds.newId(stamp) : null, now);
                    if (state == Versioning.SUSPENDED) {
                        dropNullVersion(batch, id, current, null, now);
                    }
                    if (current.isPresent()) {
                        if (state == Versioning.ENABLED || current.get().versionId() != null) {
                            chain.demote(batch, id, current.get());
                        } else {
                            chain.removeCurrent(batch, id, current.get()); // the null version, replaced
                        }
                    }
                    chain.store(batch, id, stamp, marker);
                    outcome = new DeleteOutcome(new ObjectVersion(marker, state).reportedVersionId(), true, null);
                }
                store.commit(batch);
                return outcome;
            }
        });
    }

    /**
     * DeleteObject of one version: removes it for good (queuing its chunks); if it was the latest,
     * the next newer version that is not a delete marker becomes current again. Deleting a version
     * that does not exist changes nothing, as in S3.
     */
    DeleteOutcome deleteVersion(ObjectKey id, String versionId) {
        KeyCodecs.OBJECT_KEY.encode(id);
        if (!VersionIds.isWellFormed(versionId)) {
            throw new IllegalArgumentException("malformed version id");
        }
        return locks.withKeyInBucket(id.bucket(), id.key(), () -> {
            Optional<ObjectRecord> current = chain.current(id);
            ObjectRecord removed;
            try (WriteBatch batch = new WriteBatch()) {
                if (current.isPresent() && VersionChain.named(current.get(), versionId)) {
                    removed = current.get();
                    chain.removeCurrent(batch, id, removed);
                    restoreAfter(batch, id, chain.newestStored(id, 1));
                } else {
                    Optional<VersionChain.Stored> found = chain.findStored(id, versionId);
                    if (found.isEmpty()) {
                        return new DeleteOutcome(versionId, false, null);
                    }
                    removed = found.get().record();
                    chain.removeStored(batch, id, found.get());
                    List<VersionChain.Stored> newest = chain.newestStored(id, 2);
                    if (current.isEmpty() && newest.get(0).at().equals(found.get().at())) {
                        restoreAfter(batch, id, newest.subList(1, newest.size()));
                    }
                }
                gc.enqueue(batch, chunksOnlyIn(removed, null), System.currentTimeMillis());
                store.commit(batch);
            }
            return new DeleteOutcome(versionId, removed.deleteMarker(), removed);
        });
    }

    /** The latest version was removed: the newest remaining one becomes current unless it is a delete marker. */
    private void restoreAfter(WriteBatch batch, ObjectKey id, List<VersionChain.Stored> remaining) {
        if (!remaining.isEmpty() && !remaining.get(0).record().deleteMarker()) {
            chain.promote(batch, id, remaining.get(0));
        }
    }

    /** Suspended writes replace the null version wherever it is; its chunks (not reused by {@code next}) go to GC. */
    private void dropNullVersion(WriteBatch batch, ObjectKey id, Optional<ObjectRecord> current, ObjectRecord next,
                                 long now) {
        ObjectRecord old;
        if (current.isPresent() && current.get().versionId() == null) {
            old = current.get(); // overwritten in place by the caller's write
        } else {
            Optional<VersionChain.Stored> stored = chain.findStored(id, VersionIds.NULL);
            if (stored.isEmpty()) {
                return;
            }
            chain.removeStored(batch, id, stored.get());
            old = stored.get().record();
        }
        gc.enqueue(batch, chunksOnlyIn(old, next), now);
    }

    private Versioning versioning(ObjectKey id) {
        return buckets.get(id.bucket()).orElseThrow(() -> new NoSuchBucketException(id.bucket())).versioning();
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

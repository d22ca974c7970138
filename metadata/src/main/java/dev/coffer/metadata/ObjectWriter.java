package dev.coffer.metadata;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.rocksdb.WriteBatch;

/**
 * The object part of {@link CommandApplier}: puts and deletes under the bucket's versioning rules
 * (S3's), each into the applying command's batch, which also queues for GC the chunks of whatever
 * version it removes. The only code that writes an object version; multipart completion comes
 * through {@link #put} too. Reads the state and the command only: the time, the version stamp
 * and the id's random half come from the command's {@link CatalogCommand.Choice}. REQUIRES: the
 * caller holds the key's stripe (bucket shared, key exclusive; {@link LockStripes}) or applies
 * commands one at a time. Tables: {@link CatalogTables}.
 *
 * <ul>
 *   <li>Unversioned: the write replaces the key's one version; its chunks are queued.
 *   <li>Enabled: the write gets a new version id and the old current version is kept.
 *   <li>Suspended: the write is the null version, replacing (and queuing) any earlier null
 *       version; other versions are kept.
 * </ul>
 *
 * Object Lock ({@link ObjectLockRules}): a version it protects is never removed or replaced in
 * place; a record carrying a retention or legal hold is refused in a bucket without Object Lock.
 */
final class ObjectWriter {
    /** What a put published, and the version it replaced as current (kept or removed). */
    record Result(ObjectVersion published, Optional<ObjectRecord> superseded) {}

    private final TypedTable<String, BucketRecord> buckets;
    private final VersionChain chain;
    private final GcQueue gc;

    ObjectWriter(RocksStore store, GcQueue gc) {
        this.buckets = store.table(CatalogTables.BUCKETS);
        this.chain = new VersionChain(store);
        this.gc = gc;
    }

    /**
     * Publishes {@code record} if {@code condition} holds.
     *
     * @throws ConditionalWriteConflict if it does not (nothing added to the batch)
     * @throws NoSuchBucketException if the bucket is absent
     */
    Result put(WriteBatch batch, CatalogCommand.Choice choice, ObjectKey id, ObjectRecord record,
               WriteCondition condition) {
        BucketRecord bucket = bucket(id);
        Versioning state = bucket.versioning();
        Optional<ObjectRecord> current = chain.current(id);
        if (!holds(condition, current)) {
            throw new ConditionalWriteConflict(id.bucket(), id.key(), condition, current.isPresent());
        }
        ObjectLockRules.checkLockable(bucket, record);
        ObjectRecord published;
        if (state == Versioning.UNVERSIONED) {
            if (current.isPresent()) ObjectLockRules.checkRemovable(id, current.get(), choice.millis(), false);
            published = record.withVersionId(null);
            chain.setCurrent(batch, id, published);
            current.ifPresent(o -> gc.enqueue(batch, choice, chunksOnlyIn(o, published)));
        } else {
            long stamp = chain.nextStamp(id, current, choice.stamp());
            if (state == Versioning.ENABLED) {
                published = record.withVersionId(VersionIds.newId(stamp, choice.random()));
                current.ifPresent(c -> chain.demote(batch, id, c));
            } else {
                published = record.withVersionId(null);
                dropNullVersion(batch, choice, id, current, published);
                current.filter(c -> c.versionId() != null).ifPresent(c -> chain.demote(batch, id, c));
            }
            chain.setCurrent(batch, id, published, stamp);
        }
        return new Result(new ObjectVersion(published, state), current);
    }

    /**
     * DeleteObject without a version id: removes the key, or adds a delete marker, if {@code
     * condition} holds for the current object (a delete marker heading the versions is none).
     *
     * @throws ConditionalWriteConflict if it does not (nothing added to the batch)
     */
    DeleteOutcome deleteLatest(WriteBatch batch, CatalogCommand.Choice choice, ObjectKey id, WriteCondition condition) {
        Versioning state = versioning(id);
        Optional<ObjectRecord> current = chain.current(id);
        if (!holds(condition, current)) {
            throw new ConditionalWriteConflict(id.bucket(), id.key(), condition, current.isPresent());
        }
        if (state == Versioning.UNVERSIONED) {
            current.ifPresent(c -> {
                ObjectLockRules.checkRemovable(id, c, choice.millis(), false);
                chain.removeCurrent(batch, id, c);
                gc.enqueue(batch, choice, chunksOnlyIn(c, null));
            });
            return new DeleteOutcome(null, false, current.orElse(null));
        }
        long stamp = chain.nextStamp(id, current, choice.stamp());
        ObjectRecord marker = ObjectRecord.deleteMarker(
                state == Versioning.ENABLED ? VersionIds.newId(stamp, choice.random()) : null, choice.millis());
        if (state == Versioning.SUSPENDED) {
            dropNullVersion(batch, choice, id, current, null);
        }
        if (current.isPresent()) {
            if (state == Versioning.ENABLED || current.get().versionId() != null) {
                chain.demote(batch, id, current.get());
            } else {
                chain.removeCurrent(batch, id, current.get()); // the null version, replaced
            }
        }
        chain.store(batch, id, stamp, marker);
        return new DeleteOutcome(new ObjectVersion(marker, state).reportedVersionId(), true, null);
    }

    /**
     * DeleteObject of one version: removes it for good (queuing its chunks); if it was the latest,
     * the next newer version that is not a delete marker becomes current again. Deleting a version
     * that does not exist changes nothing, as in S3.
     */
    DeleteOutcome deleteVersion(WriteBatch batch, CatalogCommand.Choice choice, ObjectKey id, String versionId,
                                boolean bypassGovernance) {
        if (!VersionIds.isWellFormed(versionId)) {
            throw new IllegalArgumentException("malformed version id");
        }
        Optional<ObjectRecord> current = chain.current(id);
        ObjectRecord removed;
        if (current.isPresent() && VersionChain.named(current.get(), versionId)) {
            removed = current.get();
            ObjectLockRules.checkRemovable(id, removed, choice.millis(), bypassGovernance);
            chain.removeCurrent(batch, id, removed);
            restoreAfter(batch, id, chain.newestStored(id, 1));
        } else {
            Optional<VersionChain.Stored> found = chain.findStored(id, versionId);
            if (found.isEmpty()) {
                return new DeleteOutcome(versionId, false, null);
            }
            removed = found.get().record();
            ObjectLockRules.checkRemovable(id, removed, choice.millis(), bypassGovernance);
            chain.removeStored(batch, id, found.get());
            List<VersionChain.Stored> newest = chain.newestStored(id, 2);
            if (current.isEmpty() && newest.get(0).at().equals(found.get().at())) {
                restoreAfter(batch, id, newest.subList(1, newest.size()));
            }
        }
        gc.enqueue(batch, choice, chunksOnlyIn(removed, null));
        return new DeleteOutcome(versionId, removed.deleteMarker(), removed);
    }

    /**
     * Sets or removes one attribute of a version in place (same table row, stamp and time).
     *
     * @return the version id changed (null for the null version)
     */
    String setAttribute(WriteBatch batch, CatalogCommand.Choice choice, ObjectKey id, String versionId, String name,
                        byte[] value, boolean bypassGovernance) {
        BucketRecord bucket = bucket(id); // the bucket must exist
        Optional<ObjectRecord> current = chain.current(id);
        if (versionId == null || current.isPresent() && VersionChain.named(current.get(), versionId)) {
            if (current.isEmpty()) {
                throw new NoSuchKeyException(id.bucket(), id.key());
            }
            ObjectLockRules.checkAttributeChange(bucket, id, current.get(), name, value, choice.millis(), bypassGovernance);
            chain.replaceCurrent(batch, id, current.get().withAttribute(name, value));
            return current.get().versionId();
        }
        if (!VersionIds.isWellFormed(versionId)) {
            throw new NoSuchVersionException(id.bucket(), id.key(), versionId);
        }
        VersionChain.Stored found = chain.findStored(id, versionId)
                .orElseThrow(() -> new NoSuchVersionException(id.bucket(), id.key(), versionId));
        if (found.record().deleteMarker()) {
            throw new DeleteMarkerRefusal(id.bucket(), id.key(), versionId);
        }
        ObjectLockRules.checkAttributeChange(bucket, id, found.record(), name, value, choice.millis(), bypassGovernance);
        chain.replaceStored(batch, found, found.record().withAttribute(name, value));
        return found.record().versionId();
    }

    /** The latest version was removed: the newest remaining one becomes current unless it is a delete marker. */
    private void restoreAfter(WriteBatch batch, ObjectKey id, List<VersionChain.Stored> remaining) {
        if (!remaining.isEmpty() && !remaining.get(0).record().deleteMarker()) {
            chain.promote(batch, id, remaining.get(0));
        }
    }

    /** Suspended writes replace the null version wherever it is; its chunks (not reused by {@code next}) go to GC. */
    private void dropNullVersion(WriteBatch batch, CatalogCommand.Choice choice, ObjectKey id,
                                 Optional<ObjectRecord> current, ObjectRecord next) {
        ObjectRecord old;
        if (current.isPresent() && current.get().versionId() == null) {
            old = current.get(); // overwritten in place by the caller's write
            ObjectLockRules.checkRemovable(id, old, choice.millis(), false);
        } else {
            Optional<VersionChain.Stored> stored = chain.findStored(id, VersionIds.NULL);
            if (stored.isEmpty()) {
                return;
            }
            old = stored.get().record();
            ObjectLockRules.checkRemovable(id, old, choice.millis(), false);
            chain.removeStored(batch, id, stored.get());
        }
        gc.enqueue(batch, choice, chunksOnlyIn(old, next));
    }

    private Versioning versioning(ObjectKey id) {
        return bucket(id).versioning();
    }

    private BucketRecord bucket(ObjectKey id) {
        return buckets.get(id.bucket()).orElseThrow(() -> new NoSuchBucketException(id.bucket()));
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
        if (condition instanceof WriteCondition.IfPresent) {
            return current.isPresent();
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

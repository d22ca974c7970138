package dev.coffer.metadata;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.rocksdb.WriteBatch;

/**
 * One key's versions across the three tables (layout: {@link CatalogTables}): the current one in
 * {@code objects}, the others in {@code versions}, the null version's stamp in {@code
 * nullversions}. Reads are point reads or one short seek; writes go into the caller's batch.
 * REQUIRES for writes: the caller holds the key's stripe.
 */
final class VersionChain {
    /** One entry of {@code versions}. */
    record Stored(VersionKey at, ObjectRecord record) {}

    private final TypedTable<ObjectKey, ObjectRecord> objects;
    private final TypedTable<VersionKey, ObjectRecord> versions;
    private final TypedTable<ObjectKey, Long> nullStamps;

    VersionChain(RocksStore store) {
        this.objects = store.table(CatalogTables.OBJECTS);
        this.versions = store.table(CatalogTables.VERSIONS);
        this.nullStamps = store.table(CatalogTables.NULL_VERSIONS);
    }

    Optional<ObjectRecord> current(ObjectKey id) {
        return objects.get(id);
    }

    /** The key's newest noncurrent versions (or current delete marker first), at most {@code max}. */
    List<Stored> newestStored(ObjectKey id, int max) {
        List<Stored> out = new ArrayList<>(max);
        byte[] start = VersionCodecs.keyStart(id.bucket(), id.key());
        try (TableScan<VersionKey, ObjectRecord> scan = versions.scanPrefix(start)) {
            for (; out.size() < max && scan.valid(); scan.next()) {
                out.add(new Stored(scan.key(), scan.value()));
            }
        }
        return out;
    }

    /** The latest version: the current object, else a delete marker heading {@code versions}. */
    Optional<ObjectRecord> latest(ObjectKey id) {
        Optional<ObjectRecord> current = objects.get(id);
        if (current.isPresent()) {
            return current;
        }
        return newestStored(id, 1).stream().map(Stored::record).filter(ObjectRecord::deleteMarker).findFirst();
    }

    /** The stamp of {@code record}, a version of {@code id} (current or stored). */
    long stampOf(ObjectKey id, ObjectRecord record) {
        if (record.versionId() != null) {
            return VersionIds.stamp(record.versionId());
        }
        // A null version written before versioning has no stored stamp; no other version existed then.
        return nullStamps.get(id).orElse(VersionIds.stampOfTime(record.lastModifiedMillis()));
    }

    /**
     * The stamp a new version of the key takes: {@code proposed}, or one above the key's newest
     * version (the current one is newer than all stored ones) if that is higher.
     */
    long nextStamp(ObjectKey id, Optional<ObjectRecord> current, long proposed) {
        long newest = current.map(c -> stampOf(id, c))
                .orElseGet(() -> newestStored(id, 1).stream().mapToLong(s -> s.at().stamp()).findFirst().orElse(0));
        return VersionIds.stampAbove(proposed, newest);
    }

    /** Where a non-current version with this id ("null" for the null version) is stored, if it is. */
    Optional<Stored> findStored(ObjectKey id, String versionId) {
        if (VersionIds.NULL.equals(versionId)) {
            return nullStamps.get(id).flatMap(stamp -> stored(new VersionKey(id, stamp)))
                    .filter(s -> s.record().versionId() == null);
        }
        return stored(new VersionKey(id, VersionIds.stamp(versionId)))
                .filter(s -> versionId.equals(s.record().versionId()));
    }

    /** True if {@code record} is the version named by {@code versionId} ("null" for the null version). */
    static boolean named(ObjectRecord record, String versionId) {
        return VersionIds.NULL.equals(versionId) ? record.versionId() == null : versionId.equals(record.versionId());
    }

    /** Stamp of the null version wherever it is, if the key has one. */
    Optional<Long> nullStamp(ObjectKey id) {
        Optional<Long> stored = nullStamps.get(id);
        if (stored.isPresent()) {
            return stored;
        }
        return objects.get(id).filter(c -> c.versionId() == null).map(c -> stampOf(id, c));
    }

    private Optional<Stored> stored(VersionKey at) {
        return versions.get(at).map(r -> new Stored(at, r));
    }

    // ---- writes into a batch

    /** Moves the current version into {@code versions} (it stops being current). */
    void demote(WriteBatch batch, ObjectKey id, ObjectRecord current) {
        long stamp = stampOf(id, current);
        versions.put(batch, new VersionKey(id, stamp), current);
        if (current.versionId() == null) {
            nullStamps.put(batch, id, stamp);
        }
        objects.delete(batch, id);
    }

    /** Makes a stored version current again (the one newer than it was just removed). */
    void promote(WriteBatch batch, ObjectKey id, Stored s) {
        versions.delete(batch, s.at());
        objects.put(batch, id, s.record());
    }

    void store(WriteBatch batch, ObjectKey id, long stamp, ObjectRecord record) {
        versions.put(batch, new VersionKey(id, stamp), record);
        if (record.versionId() == null) {
            nullStamps.put(batch, id, stamp);
        }
    }

    /** The current version, rewritten in place (its stamp and null-version index unchanged). */
    void replaceCurrent(WriteBatch batch, ObjectKey id, ObjectRecord record) {
        objects.put(batch, id, record);
    }

    /** A stored version, rewritten in place. */
    void replaceStored(WriteBatch batch, Stored s, ObjectRecord record) {
        versions.put(batch, s.at(), record);
    }

    void removeStored(WriteBatch batch, ObjectKey id, Stored s) {
        versions.delete(batch, s.at());
        if (s.record().versionId() == null) {
            nullStamps.delete(batch, id);
        }
    }

    /** An unversioned bucket's write: the current version only, no stamp (see {@link #stampOf}). */
    void setCurrent(WriteBatch batch, ObjectKey id, ObjectRecord record) {
        objects.put(batch, id, record);
    }

    void setCurrent(WriteBatch batch, ObjectKey id, ObjectRecord record, long stamp) {
        objects.put(batch, id, record);
        if (record.versionId() == null) {
            nullStamps.put(batch, id, stamp);
        }
    }

    void removeCurrent(WriteBatch batch, ObjectKey id, ObjectRecord current) {
        objects.delete(batch, id);
        if (current.versionId() == null) {
            nullStamps.delete(batch, id);
        }
    }
}

package dev.coffer.metadata;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.rocksdb.WriteBatch;

/**
 * Versioning in the catalogue: a bucket's versioning state, reads and deletes of one version,
 * and ListObjectVersions. Reached through {@link Catalog#versions()}. Thread-safe; every method
 * blocks. Rules: {@link ObjectWriter}; tables: {@link CatalogTables}.
 */
public final class ObjectVersions {
    private final RocksStore store;
    private final TypedTable<String, BucketRecord> buckets;
    private final TypedTable<VersionKey, ObjectRecord> versions;
    private final LockStripes locks;
    private final ObjectWriter writer;
    private final VersionChain chain;
    private final VersionLister lister;
    private final Runnable ensureOpen;

    ObjectVersions(RocksStore store, LockStripes locks, ObjectWriter writer, Runnable ensureOpen) {
        this.store = store;
        this.buckets = store.table(CatalogTables.BUCKETS);
        this.versions = store.table(CatalogTables.VERSIONS);
        this.locks = locks;
        this.writer = writer;
        this.chain = new VersionChain(store);
        this.lister = new VersionLister(store, chain);
        this.ensureOpen = ensureOpen;
    }

    /**
     * Sets the bucket's versioning to ENABLED or SUSPENDED, with no object write in flight.
     *
     * @throws NoSuchBucketException if absent
     */
    public void setVersioning(String bucket, Versioning state) {
        if (state == Versioning.UNVERSIONED) {
            throw new IllegalArgumentException("a bucket never returns to unversioned");
        }
        ensureOpen.run();
        locks.withBucketExclusive(bucket, () -> {
            BucketRecord b = buckets.get(bucket).orElseThrow(() -> new NoSuchBucketException(bucket));
            try (WriteBatch batch = new WriteBatch()) {
                buckets.put(batch, bucket, b.withVersioning(state));
                store.commit(batch);
            }
            return null;
        });
    }

    /**
     * Publishes {@code record} as {@link Catalog#putObject} does, and returns it as published:
     * with its new version id in an Enabled bucket.
     */
    public ObjectVersion publish(String bucket, String key, ObjectRecord record, WriteCondition condition) {
        Objects.requireNonNull(record, "record");
        return writer.put(id(bucket, key), record, condition).published();
    }

    /** The key's latest version, which may be a delete marker; NoSuchBucketException if absent. */
    public Optional<ObjectVersion> latest(String bucket, String key) {
        ObjectKey id = id(bucket, key);
        return read(id, () -> chain.latest(id));
    }

    /**
     * The version with this id ("null" for the null version), current or not, maybe a delete marker.
     *
     * @throws IllegalArgumentException if the id is not well-formed ({@link VersionIds#isWellFormed})
     */
    public Optional<ObjectVersion> find(String bucket, String key, String versionId) {
        ObjectKey id = id(bucket, key);
        if (!VersionIds.isWellFormed(versionId)) {
            throw new IllegalArgumentException("malformed version id");
        }
        return read(id, () -> {
            Optional<ObjectRecord> current = chain.current(id).filter(c -> VersionChain.named(c, versionId));
            return current.isPresent() ? current : chain.findStored(id, versionId).map(VersionChain.Stored::record);
        });
    }

    /** DeleteObject without a version id: by the bucket's versioning, removes the key or adds a delete marker. */
    public DeleteOutcome deleteLatest(String bucket, String key) {
        return writer.deleteLatest(id(bucket, key));
    }

    /** DeleteObject with a version id: removes that version for good; a missing version is no error. */
    public DeleteOutcome deleteVersion(String bucket, String key, String versionId) {
        return writer.deleteVersion(id(bucket, key), versionId);
    }

    /** One page of ListObjectVersions; O(page). NoSuchBucketException if absent. */
    public VersionsPage list(VersionsQuery query) {
        ensureOpen.run();
        if (buckets.get(query.bucket()).isEmpty()) {
            throw new NoSuchBucketException(query.bucket());
        }
        return lister.list(query);
    }

    /** True if any version or delete marker of the bucket is stored outside {@code objects}. */
    boolean holdsAnyStored(String bucket) {
        return versions.anyKeyWithPrefix(KeyCodecs.bucketStart(bucket));
    }

    /** Every chunk a stored (noncurrent) version names, for the orphan sweep; read with the caller's snapshot options. */
    static void forEachStoredChunk(RocksStore store, CatalogSnapshot view, java.util.function.Consumer<String> sink) {
        TypedTable<VersionKey, ObjectRecord> table = store.table(CatalogTables.VERSIONS);
        try (TableScan<VersionKey, ObjectRecord> scan = table.scan(null, view).seekToFirst()) {
            for (; scan.valid(); scan.next()) {
                scan.value().chunks().forEach(c -> sink.accept(c.chunkId()));
            }
        }
    }

    private Optional<ObjectVersion> read(ObjectKey id, Supplier<Optional<ObjectRecord>> lookup) {
        BucketRecord b = buckets.get(id.bucket()).orElseThrow(() -> new NoSuchBucketException(id.bucket()));
        return lookup.get().map(r -> new ObjectVersion(r, b.versioning()));
    }

    private ObjectKey id(String bucket, String key) {
        ensureOpen.run();
        ObjectKey id = new ObjectKey(Objects.requireNonNull(bucket, "bucket"), Objects.requireNonNull(key, "key"));
        KeyCodecs.OBJECT_KEY.encode(id);
        return id;
    }
}

package dev.coffer.metadata;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Versioning in the catalogue: a bucket's versioning state, reads and deletes of one version,
 * and ListObjectVersions. Reached through {@link Catalog#versions()}. Thread-safe; every method
 * blocks. Rules: {@link ObjectWriter}; tables: {@link CatalogTables}.
 */
public final class ObjectVersions {
    private final TypedTable<String, BucketRecord> buckets;
    private final TypedTable<VersionKey, ObjectRecord> versions;
    private final CommandRunner runner;
    private final VersionChain chain;
    private final VersionLister lister;
    private final Runnable ensureOpen;
    private final HotRecords hot;

    ObjectVersions(RocksStore store, CommandRunner runner, HotRecords hot, Runnable ensureOpen) {
        this.hot = hot;
        this.buckets = store.table(CatalogTables.BUCKETS);
        this.versions = store.table(CatalogTables.VERSIONS);
        this.runner = runner;
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
        runner.submit(new CatalogCommand.SetVersioning(runner.choose(), Objects.requireNonNull(bucket), state));
    }

    /**
     * PutObjectLockConfiguration: enables Object Lock on the bucket, for good, with {@code rule}
     * (null: none) as its default retention.
     *
     * @throws NoSuchBucketException if absent
     * @throws ObjectLockStateException if the bucket has no Object Lock yet and its versioning is not Enabled
     */
    public void setObjectLockConfiguration(String bucket, DefaultRetention rule) {
        ensureOpen.run();
        runner.submit(new CatalogCommand.SetObjectLockConfiguration(runner.choose(), Objects.requireNonNull(bucket), rule));
    }

    /**
     * Publishes {@code record} as {@link Catalog#putObject} does, and returns it as published:
     * with its new version id in an Enabled bucket.
     */
    public ObjectVersion publish(String bucket, String key, ObjectRecord record, WriteCondition condition) {
        return publish(bucket, key, record, condition, null);
    }

    /** {@link #publish}, its event naming the request ({@code origin.api()}: Put, Post or Copy); origin may be null. */
    public ObjectVersion publish(String bucket, String key, ObjectRecord record, WriteCondition condition,
                                 EventOrigin origin) {
        return put(bucket, key, record, condition, origin).published();
    }

    ObjectWriter.Result put(String bucket, String key, ObjectRecord record, WriteCondition condition) {
        return put(bucket, key, record, condition, null);
    }

    private ObjectWriter.Result put(String bucket, String key, ObjectRecord record, WriteCondition condition,
                                    EventOrigin origin) {
        ObjectKey id = named(bucket, key);
        return (ObjectWriter.Result) runner.submit(requested(
                new CatalogCommand.PutObject(runner.choose(), id.bucket(), id.key(), record, condition), origin));
    }

    /** The command as a request made it (kind 65), or as it is when there is no origin to tell. */
    static CatalogCommand requested(CatalogCommand command, EventOrigin origin) {
        return origin == null ? command : new CatalogCommand.Requested(command, origin);
    }

    /** The key's latest version, which may be a delete marker; NoSuchBucketException if absent. */
    public Optional<ObjectVersion> latest(String bucket, String key) {
        ObjectKey id = id(bucket, key);
        return hot.latest(id, () -> read(id, () -> chain.latest(id)));
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
        return deleteLatest(bucket, key, null);
    }

    /** {@link #deleteLatest}, its event naming the request; origin may be null. */
    public DeleteOutcome deleteLatest(String bucket, String key, EventOrigin origin) {
        return deleteLatest(bucket, key, WriteCondition.NONE, origin);
    }

    /**
     * {@link #deleteLatest(String, String, EventOrigin)} if {@code condition} holds for the key's
     * current object, checked atomically with the delete.
     *
     * @throws ConditionalWriteConflict if it does not (nothing written)
     */
    public DeleteOutcome deleteLatest(String bucket, String key, WriteCondition condition, EventOrigin origin) {
        ObjectKey id = named(bucket, key);
        return (DeleteOutcome) runner.submit(requested(
                new CatalogCommand.DeleteObject(runner.choose(), id.bucket(), id.key(), condition), origin));
    }

    /** DeleteObject with a version id: removes that version for good; a missing version is no error. */
    public DeleteOutcome deleteVersion(String bucket, String key, String versionId) {
        return deleteVersion(bucket, key, versionId, false, null);
    }

    /** {@link #deleteVersion}, its event naming the request; origin may be null. */
    public DeleteOutcome deleteVersion(String bucket, String key, String versionId, EventOrigin origin) {
        return deleteVersion(bucket, key, versionId, false, origin);
    }

    /**
     * {@link #deleteVersion(String, String, String, EventOrigin)}, bypassing a GOVERNANCE retention
     * when {@code bypassGovernance} (the caller checked the requester may).
     *
     * @throws ObjectLockedException if Object Lock protects the version (nothing written)
     */
    public DeleteOutcome deleteVersion(String bucket, String key, String versionId, boolean bypassGovernance,
                                       EventOrigin origin) {
        ObjectKey id = named(bucket, key);
        if (!VersionIds.isWellFormed(versionId)) {
            throw new IllegalArgumentException("malformed version id");
        }
        return (DeleteOutcome) runner.submit(requested(new CatalogCommand.DeleteVersion(runner.choose(), id.bucket(),
                id.key(), versionId, bypassGovernance), origin));
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

    /** For a read: the key, checked to be storable. */
    private ObjectKey id(String bucket, String key) {
        ObjectKey id = named(bucket, key);
        KeyCodecs.OBJECT_KEY.encode(id);
        return id;
    }

    /** For a command: the applier checks the key is storable, as the first of its preconditions. */
    private ObjectKey named(String bucket, String key) {
        ensureOpen.run();
        return new ObjectKey(Objects.requireNonNull(bucket, "bucket"), Objects.requireNonNull(key, "key"));
    }
}

package dev.coffer.metadata;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The catalogue in RocksDB: buckets, objects and the garbage-collection queue. Every mutation is
 * a {@link CatalogCommand} applied as one WriteBatch with the WAL synced (unless opened with sync
 * off): {@link CommandRunner} chooses its values and takes its locks, {@link CommandApplier}
 * applies it. Thread-safe; every method blocks, so call it off the event loop. The only class
 * outside this package that callers use to reach RocksDB.
 *
 * <p>Tables and formats: {@link CatalogTables}, {@link ValueCodecs}. Locking: {@link LockStripes}, taken
 * by {@link CommandRunner}. Listing: {@link Lister}. REQUIRES: no call is in flight when {@link #close()} is called.
 */
public final class Catalog implements AutoCloseable {
    private final RocksStore store;
    private final TypedTable<String, BucketRecord> buckets;
    private final BucketListing bucketListing;
    private final TypedTable<ObjectKey, ObjectRecord> objects;
    private final ChunkGarbage gc;
    private final CommandRunner runner;
    private final Lister lister;
    private final MultipartUploads uploads;
    private final ObjectVersions versions;
    private final BucketConfigs configs;
    private final CatalogReplica replica;
    private final IamCatalog iam;
    private final JobCursors jobCursors;
    private final CatalogHealth health;
    private final DrainingNodes drainingNodes;
    private final ChunkReplicas chunkReplicas;
    private final NodeAddresses nodeAddresses;
    private final RunTimeTargets notificationTargets;
    private final EventOutbox events;
    private final HotRecords hot = new HotRecords();
    private volatile boolean closed;

    private Catalog(RocksStore store) {
        this.store = store;
        this.buckets = store.table(CatalogTables.BUCKETS);
        this.bucketListing = new BucketListing(buckets);
        this.objects = store.table(CatalogTables.OBJECTS);
        GcQueue gcQueue = new GcQueue(store);
        gcQueue.upgrade(store);
        this.runner = new CommandRunner(store, new LockStripes(), gcQueue, hot);
        store.onReopen(hot::replaced);
        this.lister = new Lister(objects);
        this.gc = new ChunkGarbage(gcQueue, new ChunkReferences(store), runner, this::ensureOpen);
        this.uploads = new MultipartUploads(store, runner, this::ensureOpen);
        this.versions = new ObjectVersions(store, runner, hot, this::ensureOpen);
        this.configs = new BucketConfigs(store);
        this.replica = new CatalogReplica(store, runner);
        this.iam = new IamCatalog(store, runner, this::ensureOpen);
        this.jobCursors = new JobCursors(new JobStates(store), runner, this::ensureOpen);
        this.health = new CatalogHealth(store, this::ensureOpen);
        this.drainingNodes = new DrainingNodes(new NodeStates(store), runner, this::ensureOpen);
        this.chunkReplicas = new ChunkReplicas(store, runner, this::ensureOpen);
        this.nodeAddresses = new NodeAddresses(store, runner, this::ensureOpen);
        this.notificationTargets = new RunTimeTargets(new NotificationTargets(store), runner, this::ensureOpen);
        this.events = new EventOutbox(new Outbox(store, configs), runner, this::ensureOpen);
    }

    /** Opens or creates the catalogue in {@code dir}. {@code syncWrites} false skips the WAL fsync. */
    public static Catalog open(Path dir, boolean syncWrites) {
        return open(dir, syncWrites, 0);
    }

    /** {@link #open(Path, boolean)} with RocksDB's own limit on its table files (0: none), to make it stop in tests. */
    static Catalog open(Path dir, boolean syncWrites, long maxSstBytes) {
        RocksStore store = RocksStore.open(dir, syncWrites, CatalogTables.ALL, maxSstBytes);
        try {
            return new Catalog(store);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    // ---- buckets

    /** Creates the bucket. @throws BucketExistsException (nothing changed) if a bucket of that name exists */
    public void createBucket(BucketRecord bucket) {
        createBucket(bucket, new java.util.TreeMap<>());
    }

    /**
     * Creates the bucket with its first configurations ({@link #bucketConfig}), in one command.
     * @throws BucketExistsException (nothing changed) if a bucket of that name exists
     */
    public void createBucket(BucketRecord bucket, java.util.SortedMap<String, byte[]> configs) {
        checked(bucket.name());
        runner.submit(new CatalogCommand.CreateBucket(runner.choose(), bucket, configs));
    }

    public Optional<BucketRecord> getBucket(String name) {
        return hot.bucket(checked(name), () -> buckets.get(name));
    }

    /** The bucket. @throws NoSuchBucketException if absent */
    public BucketRecord requireBucket(String name) {
        return getBucket(name).orElseThrow(() -> new NoSuchBucketException(name));
    }

    /** All buckets in name order. */
    public List<BucketRecord> listBuckets() {
        ensureOpen();
        return bucketListing.all();
    }

    /**
     * One page of ListBuckets, O(page) but for the region filter: up to {@code max} buckets in name
     * order whose names start with {@code prefix} and sort after {@code after} (null: from the
     * first), in {@code region} when it is not null.
     */
    public List<BucketRecord> listBuckets(String prefix, String after, String region, int max) {
        return listBuckets(prefix, after, region, b -> true, max);
    }

    /** {@link #listBuckets(String, String, String, int)} of the buckets {@code include} accepts (e.g. one account's). */
    public List<BucketRecord> listBuckets(String prefix, String after, String region,
                                          java.util.function.Predicate<BucketRecord> include, int max) {
        ensureOpen();
        return bucketListing.page(prefix, after, region, include, max);
    }

    /**
     * Deletes an empty bucket.
     *
     * @throws NoSuchBucketException if absent
     * @throws BucketNotEmptyException if it holds any object
     */
    public void deleteBucket(String name) {
        checked(name);
        runner.submit(new CatalogCommand.DeleteBucket(runner.choose(), name));
    }

    /** One of the bucket's configurations (by the name its feature owns), if set. */
    public Optional<byte[]> bucketConfig(String bucket, String name) {
        return hot.config(checked(bucket), Objects.requireNonNull(name, "name"), () -> configs.get(bucket, name));
    }

    /**
     * Sets one of the bucket's configurations, or removes it when {@code value} is null.
     *
     * @throws NoSuchBucketException if the bucket is absent (nothing changed)
     */
    public void setBucketConfig(String bucket, String name, byte[] value) {
        checked(bucket);
        runner.submit(new CatalogCommand.SetBucketConfig(runner.choose(), bucket, name, value));
    }

    // ---- objects

    /**
     * Sets one attribute of a version ({@link ObjectRecord#attributes()}), or removes it when
     * {@code value} is null. {@code versionId} null names the current version.
     *
     * @return the id of the version changed (null for the null version)
     * @throws NoSuchBucketException, NoSuchKeyException, NoSuchVersionException, DeleteMarkerRefusal
     *     when there is no such version to change (nothing changed)
     */
    public String setObjectAttribute(String bucket, String key, String versionId, String name, byte[] value) {
        return setObjectAttribute(bucket, key, versionId, name, value, false);
    }

    /**
     * {@link #setObjectAttribute(String, String, String, String, byte[])}, loosening a GOVERNANCE
     * retention when {@code bypassGovernance} (the caller checked the requester may).
     *
     * @throws ObjectLockedException, ObjectLockStateException when Object Lock refuses the change
     */
    public String setObjectAttribute(String bucket, String key, String versionId, String name, byte[] value,
                                     boolean bypassGovernance) {
        checked(bucket);
        return (String) runner.submit(new CatalogCommand.SetObjectAttribute(runner.choose(), bucket,
                Objects.requireNonNull(key, "key"), versionId, name, value, bypassGovernance));
    }

    public Optional<ObjectRecord> getObject(String bucket, String key) {
        return objects.get(new ObjectKey(checked(bucket), Objects.requireNonNull(key)));
    }

    /**
     * The key's current version.
     *
     * @throws NoSuchKeyException if it has none
     * @throws NoSuchBucketException if the bucket is absent
     */
    public ObjectRecord requireObject(String bucket, String key) {
        Optional<ObjectRecord> record = getObject(bucket, key);
        if (record.isPresent()) {
            return record.get();
        }
        requireBucket(bucket);
        throw new NoSuchKeyException(bucket, key);
    }

    /**
     * Publishes {@code record} at the key if {@code condition} holds, atomically with respect to
     * every other write of the same key, and queues the superseded record's chunks for GC in the
     * same batch. Chunks the new record also lists are not queued.
     *
     * @return the superseded record, if any
     * @throws NoSuchBucketException if the bucket does not exist
     * @throws ConditionalWriteConflict if the condition fails (nothing written)
     */
    public Optional<ObjectRecord> putObject(
            String bucket, String key, ObjectRecord record, WriteCondition condition) {
        return versions.put(bucket, key, record, condition).superseded();
    }

    /**
     * Removes the key (if present) and queues its chunks for GC in the same batch; in a versioned
     * bucket adds a delete marker instead ({@link ObjectVersions#deleteLatest}).
     *
     * @return the removed record, if any
     */
    public Optional<ObjectRecord> deleteObject(String bucket, String key) {
        return Optional.ofNullable(versions.deleteLatest(bucket, key).removed());
    }

    /** Versioning: bucket state, reads and deletes of one version, ListObjectVersions. */
    public ObjectVersions versions() {
        return versions;
    }

    /**
     * One page of keys, as {@link ListQuery} describes; O(page) seeks and reads.
     *
     * @throws NoSuchBucketException if the bucket does not exist
     */
    public ListPage list(ListQuery query) {
        requireBucket(query.bucket());
        return lister.list(query);
    }

    /**
     * The hot records kept in memory (buckets, their configurations, keys' latest versions), for
     * answers that must not block: peeks that never read RocksDB, and their hit and miss counts.
     */
    public HotRecords hot() {
        return hot;
    }

    /** Accounts, IAM users, access keys and policies. */
    public IamCatalog iam() {
        return iam;
    }

    /** Multipart uploads in progress, their parts, and their completion. */
    public MultipartUploads uploads() {
        return uploads;
    }

    /** The GC queue, its completion, and which chunks the catalogue references (the gc job, the orphan sweep). */
    public ChunkGarbage gc() {
        return gc;
    }

    // ---- cluster nodes, chunk replicas, run-time notification targets, background jobs, the store's health

    /** The cluster nodes marked draining, and the command that marks them. */
    public DrainingNodes drainingNodes() {
        return drainingNodes;
    }

    /** Where each cluster node's chunk port answers, as it announced itself, and the command that records it. */
    public NodeAddresses nodeAddresses() {
        return nodeAddresses;
    }

    /** Each chunk's replicas as last committed, the command that changes them, and a walk over every chunk. */
    public ChunkReplicas chunkReplicas() {
        return chunkReplicas;
    }

    /** The event-notification targets added at run time, and the command that changes them. */
    public RunTimeTargets notificationTargets() {
        return notificationTargets;
    }

    /** Background jobs' durable cursors. */
    public JobCursors jobCursors() {
        return jobCursors;
    }

    /**
     * Lifecycle expiration of the key's current version, by the bucket's versioning (removed, or
     * hidden behind a delete marker), only if it is still the version with this id ({@code null}
     * in an unversioned bucket or for the null version) and Last-Modified.
     *
     * @throws VersionChanged if it is not (nothing written)
     */
    public DeleteOutcome expireCurrent(String bucket, String key, String versionId, long lastModifiedMillis) {
        checked(bucket);
        return (DeleteOutcome) runner.submit(new CatalogCommand.ExpireCurrent(runner.choose(), bucket,
                Objects.requireNonNull(key, "key"), versionId, lastModifiedMillis));
    }

    /** The outbox of event notifications (kinds 65-66). */
    public EventOutbox events() {
        return events;
    }

    /** Objects, bytes and GC backlog at one snapshot; a full scan (see {@link CatalogStatistics}). */
    public CatalogStats stats() {
        ensureOpen();
        return new CatalogStatistics(store).read();
    }

    /** RocksDB's background error and block checksums, for health checks and the scrub. */
    public CatalogHealth health() {
        return health;
    }

    /** Writes the memtables out to table files (tests). */
    void flush() {
        ensureOpen();
        store.flush();
    }

    // ---- a replicated catalogue (the cluster module)

    /**
     * From now on every change goes to {@code log} as an encoded command, and is applied when the
     * log applies it ({@link #replica()}); reads stay local. Call before serving requests.
     */
    public void appendCommandsTo(CommandLog log) {
        ensureOpen();
        runner.useLog(log);
    }

    /**
     * {@code listener} is told, with the bucket's name, after each command that changed a bucket's
     * record or configurations commits — on every replica as it applies the command, so a cache of
     * them stays right in a cluster — and with null after a checkpoint replaced every row. It runs
     * on the committing thread: it must be quick and must not call back into the catalogue.
     */
    public void onBucketChange(Consumer<String> listener) {
        runner.onBucketChange(listener);
    }

    /** This catalogue as a replica of a log: applies its entries, makes and installs checkpoints. */
    public CatalogReplica replica() {
        ensureOpen();
        return replica;
    }

    /** Applies a command whose values were already chosen (a log replay; tests). */
    Object submit(CatalogCommand command) {
        ensureOpen();
        if (command instanceof CatalogCommand.Iam i) return iam.run(i);
        return runner.submit(command);
    }

    /** Every row of every table, as {@code table key=value} in hex, in order: two catalogues compare byte for byte. */
    List<String> dump() {
        ensureOpen();
        return CatalogDump.rows(store);
    }

    @Override
    public void close() {
        closed = true;
        store.close();
    }

    private String checked(String name) {
        ensureOpen();
        return Objects.requireNonNull(name, "bucket");
    }

    /** A cheap guard: a call on closed native handles would crash the JVM, not throw. */
    private void ensureOpen() {
        if (closed) throw new IllegalStateException("catalogue closed");
    }
}

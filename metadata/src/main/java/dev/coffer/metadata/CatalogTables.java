package dev.coffer.metadata;

import java.util.List;

/**
 * Every column family of the catalogue, declared once (after Ozone's {@code
 * DBColumnFamilyDefinition}).
 *
 * <pre>
 * | table   | key bytes                                | value           | read by           |
 * |---------|------------------------------------------|-----------------|-------------------|
 * | buckets | bucket name UTF-8                        | BucketRecord v2 | get, full scan    |
 * | objects | bucket UTF-8 | 0x00 | object key UTF-8  | ObjectRecord v2 | get, range scan   |
 * | versions | bucket | 0x00 | escaped key | 0x00 0x00 | ~stamp (8 bytes) | ObjectRecord v2 | get, range scan |
 * | nullversions | bucket UTF-8 | 0x00 | object key UTF-8 | stamp v1 | get |
 * | gc      | command sequence (8 bytes BE) | chunk id  | GcEntry v1      | scan from oldest  |
 * | replication | "applied" UTF-8                        | AppliedIndex v1 | get (cluster only) |
 * | (identity tables: {@link IamTables}) |
 * | jobs    | job name UTF-8                           | job cursor v1   | get               |
 * | replicas | chunk id ASCII                          | node list v1    | get, by the chunk walk ({@link ChunkReplicaRows}) |
 * | outbox  | target ARN | 0x00 | sequence | random | u16 index | event v1 | scan per target ({@link Outbox}) |
 * </pre>
 *
 * {@code objects} holds each key's current version when it is not a delete marker, so listing
 * objects never steps over old versions or delete markers. {@code versions} holds every other
 * version (noncurrent ones, and delete markers, current or not), newest first within a key
 * (escaping and stamps: {@link VersionCodecs}, {@link VersionIds}). {@code nullversions} holds
 * the stamp of a key's null version once versioning has touched the key. Invariant: a key's entry
 * in {@code objects} is newer than all of its entries in {@code versions}; when {@code objects}
 * has no entry for a key, the key's newest entry in {@code versions}, if any, is a delete marker.
 * An unversioned bucket writes only {@code objects}, exactly as before versioning existed.
 *
 * <p>Bucket names never hold 0x00, so one bucket's objects are exactly the range
 * [name 0x00, name 0x01): bucket "a" ends before "a-b" begins. Value formats: {@link
 * ValueCodecs}. RocksDB's own {@code default} column family is opened (RocksDB insists) but holds
 * nothing.
 */
final class CatalogTables {
    private CatalogTables() {}

    static final TableDef<String, BucketRecord> BUCKETS =
            new TableDef<>("buckets", KeyCodecs.BUCKET_NAME, ValueCodecs.BUCKET, true);

    static final TableDef<ObjectKey, ObjectRecord> OBJECTS =
            new TableDef<>("objects", KeyCodecs.OBJECT_KEY, ValueCodecs.OBJECT, true);

    static final TableDef<VersionKey, ObjectRecord> VERSIONS =
            new TableDef<>("versions", VersionCodecs.VERSION_KEY, ValueCodecs.OBJECT, true);

    static final TableDef<ObjectKey, Long> NULL_VERSIONS =
            new TableDef<>("nullversions", KeyCodecs.OBJECT_KEY, VersionCodecs.NULL_STAMP, true);

    /** Only ever scanned in order, so a Bloom filter would be memory for nothing. */
    static final TableDef<GcQueue.Key, GcEntry> GC =
            new TableDef<>("gc", KeyCodecs.GC_KEY, ValueCodecs.GC_ENTRY, false);

    /**
     * In a cluster, the last log entry this catalogue applied ({@link CatalogReplica}), written in
     * the same batch as the entry's rows; empty on a single node.
     */
    static final TableDef<String, AppliedIndex> REPLICATION =
            new TableDef<>("replication", KeyCodecs.BUCKET_NAME, AppliedIndex.CODEC, true);

    /** Background jobs' cursors ({@link JobStates}); a handful of rows. */
    static final TableDef<String, byte[]> JOBS = new TableDef<>("jobs", JobStates.NAME, JobStates.CURSOR, true);

    static final List<TableDef<?, ?>> ALL = List.of(BUCKETS, OBJECTS, GC, VERSIONS, NULL_VERSIONS,
            UploadTables.UPLOADS, UploadTables.PARTS, UploadTables.COMPLETED, BucketConfigs.TABLE,
            REPLICATION, IamTables.ACCOUNTS, IamTables.USERS, IamTables.ACCESS_KEYS, IamTables.USER_KEYS,
            IamTables.USER_POLICIES, IamTables.MANAGED_POLICIES, IamTables.ATTACHMENTS, JOBS,
            Outbox.TABLE, NodeStates.TABLE, NotificationTargets.TABLE, ChunkReplicaRows.TABLE,
            NodeAddresses.TABLE);
}

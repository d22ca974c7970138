package dev.coffer.metadata;

import java.util.List;

/**
 * Every column family of the catalogue, declared once (after Ozone's {@code
 * DBColumnFamilyDefinition}).
 *
 * <pre>
 * | table   | key bytes                                | value           | read by           |
 * |---------|------------------------------------------|-----------------|-------------------|
 * | buckets | bucket name UTF-8                        | BucketRecord v1 | get, full scan    |
 * | objects | bucket UTF-8 | 0x00 | object key UTF-8  | ObjectRecord v1 | get, range scan   |
 * | gc      | sequence, 8 bytes big-endian             | GcEntry v1      | scan from oldest  |
 * </pre>
 *
 * Bucket names never hold 0x00, so one bucket's objects are exactly the range
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

    /** Only ever scanned in order, so a Bloom filter would be memory for nothing. */
    static final TableDef<Long, GcEntry> GC =
            new TableDef<>("gc", KeyCodecs.SEQUENCE, ValueCodecs.GC_ENTRY, false);

    static final List<TableDef<?, ?>> ALL = List.of(BUCKETS, OBJECTS, GC,
            UploadTables.UPLOADS, UploadTables.PARTS, UploadTables.COMPLETED);
}

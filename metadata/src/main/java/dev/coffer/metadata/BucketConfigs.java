package dev.coffer.metadata;

import java.util.Optional;
import org.rocksdb.WriteBatch;

/**
 * A bucket's configurations beside its record: one row per (bucket, configuration name), holding
 * bytes whose format belongs to the feature that owns the name (a policy document, a tag set, CORS
 * rules, …; metadata/COMMANDS.md lists the names). Written only by {@link CatalogCommand.SetBucketConfig}
 * and removed with the bucket. Table {@code bucketconfig}: key = bucket UTF-8, 0x00, name UTF-8;
 * value = {@code 0x01 | bytes}.
 */
final class BucketConfigs {
    /** One row's key. */
    record Key(String bucket, String name) {}

    static final Codec<Key> KEY = new Codec<>() {
        @Override
        public byte[] encode(Key k) {
            if (k.name().isEmpty()) throw new IllegalArgumentException("empty configuration name");
            return ByteKeys.concat(KeyCodecs.bucketStart(k.bucket()), Utf8.encode(k.name()));
        }

        @Override
        public Key decode(byte[] bytes) {
            ObjectKey pair = KeyCodecs.OBJECT_KEY.decode(bytes); // the same layout: bucket, 0x00, rest
            return new Key(pair.bucket(), pair.key());
        }
    };

    static final Codec<byte[]> VALUE = new Codec<>() {
        @Override
        public byte[] encode(byte[] value) {
            ValueOutput out = new ValueOutput(ValueCodecs.V1);
            out.writeBytes(value);
            return out.toByteArray();
        }

        @Override
        public byte[] decode(byte[] bytes) {
            ValueInput in = new ValueInput(bytes, ValueCodecs.V1, "bucket configuration");
            byte[] value = in.readBytes();
            in.end();
            if (value == null) throw new MetadataException("bucket configuration: no value");
            return value;
        }
    };

    /** Only read by exact key, and scanned when its bucket goes. */
    static final TableDef<Key, byte[]> TABLE = new TableDef<>("bucketconfig", KEY, VALUE, true);

    private final TypedTable<Key, byte[]> table;

    BucketConfigs(RocksStore store) {
        this.table = store.table(TABLE);
    }

    Optional<byte[]> get(String bucket, String name) {
        return table.get(new Key(bucket, name));
    }

    /** Sets or, when {@code value} is null, removes one configuration. */
    void set(WriteBatch batch, String bucket, String name, byte[] value) {
        Key key = new Key(bucket, name);
        if (value == null) {
            table.delete(batch, key);
        } else {
            table.put(batch, key, value);
        }
    }

    /** Removes every configuration of the bucket (the bucket is being deleted). */
    void removeAll(WriteBatch batch, String bucket) {
        try (TableScan<Key, byte[]> scan = table.scanPrefix(KeyCodecs.bucketStart(bucket))) {
            for (; scan.valid(); scan.next()) {
                table.deleteRaw(batch, scan.keyBytes());
            }
        }
    }
}

package dev.coffer.metadata;

/**
 * The address of one stored version in the {@code versions} table: bucket, object key, and the
 * version's stamp (see {@link VersionIds}), which orders a key's versions newest first.
 */
record VersionKey(String bucket, String key, long stamp) {
    VersionKey(ObjectKey id, long stamp) {
        this(id.bucket(), id.key(), stamp);
    }

    ObjectKey objectKey() {
        return new ObjectKey(bucket, key);
    }
}

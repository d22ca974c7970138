package dev.coffer.metadata;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One page of ListObjectVersions as a merge of two bounded range scans read at one snapshot:
 * {@code objects} (each key's current version) and {@code versions} (the rest, newest first). For
 * one key the current version sorts before its stored ones, so merging by key, {@code objects}
 * first on ties, gives S3's order. Common prefixes are skipped in both scans with one seek each,
 * and the markers are turned into seek positions, so the cost is O(page) whatever the bucket
 * holds, as in {@link Lister}.
 */
final class VersionLister {
    private final TypedTable<ObjectKey, ObjectRecord> objects;
    private final TypedTable<VersionKey, ObjectRecord> versions;
    private final VersionChain chain;
    private final RocksStore store;

    VersionLister(RocksStore store, VersionChain chain) {
        this.store = store;
        this.objects = store.table(CatalogTables.OBJECTS);
        this.versions = store.table(CatalogTables.VERSIONS);
        this.chain = chain;
    }

    VersionsPage list(VersionsQuery q) {
        if (q.maxKeys() < 0) {
            throw new IllegalArgumentException("maxKeys < 0: " + q.maxKeys());
        }
        String bucket = q.bucket();
        byte[] bucketStart = KeyCodecs.bucketStart(bucket);
        byte[] prefix = KeyCodecs.keyBytes(q.prefix() == null ? "" : q.prefix());
        byte[] delimiter = q.delimiter() == null || q.delimiter().isEmpty() ? null : KeyCodecs.keyBytes(q.delimiter());
        boolean hasMarker = q.keyMarker() != null && !q.keyMarker().isEmpty();
        byte[] marker = KeyCodecs.keyBytes(hasMarker ? q.keyMarker() : "");

        byte[] objStart = ByteKeys.concat(bucketStart, prefix);
        byte[] verStart = VersionCodecs.escapedKey(bucket, q.prefix() == null ? "" : q.prefix());
        byte[] objSeek = objStart;
        byte[] verSeek = verStart;
        Page page = new Page(q.maxKeys(), null);
        if (hasMarker) {
            objSeek = ByteKeys.max(objStart, ByteKeys.justAfter(ByteKeys.concat(bucketStart, marker)));
            Optional<Long> stamp = markerStamp(new ObjectKey(bucket, q.keyMarker()), q.versionIdMarker());
            byte[] keyStart = VersionCodecs.keyStart(bucket, q.keyMarker());
            verSeek = ByteKeys.max(verStart, stamp.isPresent()
                    ? ByteKeys.justAfter(ByteKeys.concat(keyStart, VersionCodecs.complement(stamp.get())))
                    : ByteKeys.successor(keyStart));
            // Resuming inside a key: what follows is older than the marker, so none of it is latest.
            page = new Page(q.maxKeys(), stamp.isPresent() ? marker : null);
        }

        try (CatalogSnapshot view = new CatalogSnapshot(store, true);
                TableScan<ObjectKey, ObjectRecord> a = objects.scan(ByteKeys.successor(objStart), view).seek(objSeek);
                TableScan<VersionKey, ObjectRecord> b = versions.scan(ByteKeys.successor(verStart), view).seek(verSeek)) {
            while (a.valid() | b.valid()) {
                byte[] aKey = a.valid() ? Arrays.copyOfRange(a.keyBytes(), bucketStart.length, a.keyBytes().length) : null;
                VersionKey bAt = b.valid() ? b.key() : null;
                byte[] bKey = bAt == null ? null : KeyCodecs.keyBytes(bAt.key());
                boolean fromA = aKey != null && (bKey == null || ByteKeys.compare(aKey, bKey) <= 0);
                byte[] key = fromA ? aKey : bKey;
                int at = delimiter == null ? -1 : ByteKeys.indexOf(key, delimiter, prefix.length);
                if (at >= 0) {
                    byte[] common = Arrays.copyOf(key, at + delimiter.length);
                    if (ByteKeys.compare(common, marker) > 0) {
                        if (page.full()) {
                            return page.done(true);
                        }
                        page.prefix(common);
                    }
                    a.seek(ByteKeys.successor(ByteKeys.concat(bucketStart, common)));
                    b.seek(ByteKeys.successor(ByteKeys.concat(bucketStart, VersionCodecs.escape(common))));
                    continue;
                }
                if (page.full()) {
                    return page.done(true);
                }
                if (fromA) {
                    page.version(key, a.value(), true);
                    a.next();
                } else {
                    page.version(key, b.value(), false);
                    b.next();
                }
            }
        }
        return page.done(false);
    }

    /** The stamp a version-id marker stands for; empty for none (then the whole key is skipped). */
    private Optional<Long> markerStamp(ObjectKey id, String versionIdMarker) {
        if (versionIdMarker == null || versionIdMarker.isEmpty()) {
            return Optional.empty();
        }
        if (VersionIds.NULL.equals(versionIdMarker)) {
            return chain.nullStamp(id);
        }
        return Optional.of(VersionIds.stamp(versionIdMarker));
    }

    /** The page being filled, and which keys already showed their latest version. */
    private static final class Page {
        final int maxKeys;
        final List<VersionsPage.Entry> versions = new ArrayList<>();
        final List<String> prefixes = new ArrayList<>();
        byte[] keyWithLatestShown;
        String nextKey;
        String nextVersion;

        Page(int maxKeys, byte[] resumedInside) {
            this.maxKeys = maxKeys;
            this.keyWithLatestShown = resumedInside;
        }

        boolean full() {
            return versions.size() + prefixes.size() >= maxKeys;
        }

        /** A current version is latest; a stored one is latest only if it heads a key with no current one. */
        void version(byte[] key, ObjectRecord record, boolean current) {
            boolean latest = current || !Arrays.equals(key, keyWithLatestShown);
            keyWithLatestShown = key;
            nextKey = text(key);
            nextVersion = record.versionId() == null ? VersionIds.NULL : record.versionId();
            versions.add(new VersionsPage.Entry(nextKey, nextVersion, latest, record));
        }

        void prefix(byte[] common) {
            nextKey = text(common);
            nextVersion = null;
            prefixes.add(nextKey);
        }

        VersionsPage done(boolean truncated) {
            return new VersionsPage(List.copyOf(versions), List.copyOf(prefixes), truncated, nextKey, nextVersion);
        }

        private static String text(byte[] utf8) {
            return Utf8.decode(utf8, 0, utf8.length);
        }
    }
}

package dev.coffer.metadata;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One page of ListMultipartUploads as a bounded range scan over {@code uploads}, the way
 * {@link Lister} pages objects: the scan is confined to [bucket 0x00 prefix, successor) and starts
 * after the markers; a key holding the delimiter after the prefix rolls up into a common prefix,
 * emitted if it sorts after the key marker and then skipped whole with one seek. O(page).
 *
 * <p>Markers: with an upload-id marker the scan starts just after (key marker, id); without one,
 * after every upload of the key marker ({@code key 0x01} sorts after {@code key 0x00 id}).
 */
final class UploadLister {
    private final TypedTable<UploadKey, UploadRecord> uploads;

    UploadLister(TypedTable<UploadKey, UploadRecord> uploads) {
        this.uploads = uploads;
    }

    UploadListPage list(UploadListQuery q) {
        if (q.maxUploads() < 0) throw new IllegalArgumentException("maxUploads < 0: " + q.maxUploads());
        byte[] bucketStart = KeyCodecs.bucketStart(q.bucket());
        byte[] prefix = KeyCodecs.keyBytes(q.prefix() == null ? "" : q.prefix());
        byte[] delimiter = q.delimiter() == null || q.delimiter().isEmpty() ? null : KeyCodecs.keyBytes(q.delimiter());
        byte[] after = KeyCodecs.keyBytes(q.keyMarker() == null ? "" : q.keyMarker());
        byte[] rangeStart = ByteKeys.concat(bucketStart, prefix);
        byte[] rangeEnd = ByteKeys.successor(rangeStart);

        List<UploadRecord> found = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        String lastKey = null;
        String lastId = null;
        try (TableScan<UploadKey, UploadRecord> it = uploads.scan(rangeEnd)) {
            it.seek(ByteKeys.max(rangeStart, seekStart(bucketStart, after, q.uploadIdMarker())));
            while (it.valid()) {
                byte[] key = UploadKeyCodecs.objectKeyBytes(it.keyBytes(), bucketStart.length);
                int at = delimiter == null ? -1 : ByteKeys.indexOf(key, delimiter, prefix.length);
                boolean full = found.size() + prefixes.size() >= q.maxUploads();
                if (at < 0) {
                    if (full) return new UploadListPage(found, prefixes, true, lastKey, lastId);
                    UploadRecord upload = it.value();
                    found.add(upload);
                    lastKey = upload.key();
                    lastId = upload.uploadId();
                    it.next();
                    continue;
                }
                byte[] common = Arrays.copyOf(key, at + delimiter.length);
                if (ByteKeys.compare(common, after) > 0) {
                    if (full) return new UploadListPage(found, prefixes, true, lastKey, lastId);
                    lastKey = Utf8.decode(common, 0, common.length);
                    lastId = null;
                    prefixes.add(lastKey);
                }
                it.seek(ByteKeys.successor(ByteKeys.concat(bucketStart, common)));
            }
        }
        return new UploadListPage(found, prefixes, false, lastKey, lastId);
    }

    private static byte[] seekStart(byte[] bucketStart, byte[] after, String uploadIdMarker) {
        if (after.length == 0) return bucketStart;
        byte[] keyStart = ByteKeys.justAfter(ByteKeys.concat(bucketStart, after));
        if (uploadIdMarker == null || uploadIdMarker.isEmpty()) {
            keyStart[keyStart.length - 1] = 0x01;
            return keyStart;
        }
        return ByteKeys.justAfter(ByteKeys.concat(keyStart, Utf8.encode(uploadIdMarker)));
    }
}

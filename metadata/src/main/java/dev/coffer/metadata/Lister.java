package dev.coffer.metadata;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One page of a listing as a bounded range scan over {@code objects}.
 *
 * <p>All work is in key space, the UTF-8 bytes of the object key. The scan covers
 * [bucket 0x00 prefix, successor(bucket 0x00 prefix)), enforced by iterate_upper_bound so RocksDB
 * never reads past the prefix. It starts just after {@code after}. A key whose remainder after
 * the prefix holds the delimiter rolls up into a common prefix; that prefix is emitted if it
 * sorts after {@code after} and then skipped whole with one seek to its successor. Only the
 * common prefix that contains {@code after} itself can be skipped without being emitted, so the
 * cost is O(page): at most maxKeys + 2 entries or seeks, whatever the bucket's size.
 *
 * <p>Look-ahead: on reaching an entry (key or common prefix) that would be emitted with the page
 * already full, the page is {@code truncated}; running out of range means it is not. With
 * maxKeys 0 the page is empty and {@code truncated} says whether anything matches at all.
 */
final class Lister {
    private final TypedTable<ObjectKey, ObjectRecord> objects;

    Lister(TypedTable<ObjectKey, ObjectRecord> objects) {
        this.objects = objects;
    }

    ListPage list(ListQuery q) {
        if (q.maxKeys() < 0) {
            throw new IllegalArgumentException("maxKeys < 0: " + q.maxKeys());
        }
        byte[] bucketStart = KeyCodecs.bucketStart(q.bucket());
        byte[] prefix = KeyCodecs.keyBytes(q.prefix() == null ? "" : q.prefix());
        byte[] delimiter = q.delimiter() == null || q.delimiter().isEmpty()
                ? null : KeyCodecs.keyBytes(q.delimiter());
        byte[] after = KeyCodecs.keyBytes(q.after() == null ? "" : q.after());

        byte[] rangeStart = ByteKeys.concat(bucketStart, prefix);
        byte[] rangeEnd = ByteKeys.successor(rangeStart); // never null: bucketStart ends in 0x00
        byte[] seekTo = after.length == 0
                ? rangeStart
                : ByteKeys.max(rangeStart, ByteKeys.justAfter(ByteKeys.concat(bucketStart, after)));

        Page page = new Page(q.maxKeys());
        try (TableScan<ObjectKey, ObjectRecord> it = objects.scan(rangeEnd).seek(seekTo)) {
            while (it.valid()) {
                byte[] stored = it.keyBytes();
                byte[] key = Arrays.copyOfRange(stored, bucketStart.length, stored.length);
                int at = delimiter == null ? -1 : ByteKeys.indexOf(key, delimiter, prefix.length);
                if (at < 0) {
                    if (page.full()) {
                        return page.done(true);
                    }
                    page.objects.add(new ListPage.ObjectEntry(text(key), ValueCodecs.objectSummary(it.valueBytes())));
                    page.emitted(key);
                    it.next();
                    continue;
                }
                byte[] common = Arrays.copyOf(key, at + delimiter.length);
                if (ByteKeys.compare(common, after) > 0) {
                    if (page.full()) {
                        return page.done(true);
                    }
                    page.prefixes.add(text(common));
                    page.emitted(common);
                }
                it.seek(ByteKeys.successor(ByteKeys.concat(bucketStart, common)));
            }
        }
        return page.done(false);
    }

    private static String text(byte[] utf8) {
        return Utf8.decode(utf8, 0, utf8.length);
    }

    /** The page being filled. */
    private static final class Page {
        final int maxKeys;
        final List<ListPage.ObjectEntry> objects = new ArrayList<>();
        final List<String> prefixes = new ArrayList<>();
        byte[] last;

        Page(int maxKeys) {
            this.maxKeys = maxKeys;
        }

        boolean full() {
            return objects.size() + prefixes.size() >= maxKeys;
        }

        void emitted(byte[] entry) {
            last = entry;
        }

        ListPage done(boolean truncated) {
            return new ListPage(List.copyOf(objects), List.copyOf(prefixes), truncated,
                    last == null ? null : text(last));
        }
    }
}

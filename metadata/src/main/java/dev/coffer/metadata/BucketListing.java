package dev.coffer.metadata;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/** Scans of the {@code buckets} table for ListBuckets: all of it, or one page. */
final class BucketListing {
    private final TypedTable<String, BucketRecord> buckets;

    BucketListing(TypedTable<String, BucketRecord> buckets) {
        this.buckets = buckets;
    }

    /** All buckets in name order. */
    List<BucketRecord> all() {
        List<BucketRecord> out = new ArrayList<>();
        try (TableScan<String, BucketRecord> scan = buckets.scan().seekToFirst()) {
            for (; scan.valid(); scan.next()) {
                out.add(scan.value());
            }
        }
        return out;
    }

    /**
     * Up to {@code max} buckets in name order whose names start with {@code prefix}, sort after
     * {@code after} (null: from the first), are in {@code region} when it is not null, and that
     * {@code include} accepts: O(page) but for the filters.
     */
    List<BucketRecord> page(String prefix, String after, String region, Predicate<BucketRecord> include, int max) {
        byte[] start = prefix.getBytes(StandardCharsets.UTF_8);
        if (after != null) {
            byte[] next = ByteKeys.justAfter(after.getBytes(StandardCharsets.UTF_8));
            if (Arrays.compareUnsigned(next, start) > 0) start = next;
        }
        byte[] end = prefix.isEmpty() ? null : ByteKeys.successor(prefix.getBytes(StandardCharsets.UTF_8));
        List<BucketRecord> out = new ArrayList<>();
        try (TableScan<String, BucketRecord> scan = buckets.scan(end).seek(start)) {
            for (; scan.valid() && out.size() < max; scan.next()) {
                BucketRecord bucket = scan.value();
                if ((region == null || region.equals(bucket.region())) && include.test(bucket)) out.add(bucket);
            }
        }
        return out;
    }
}

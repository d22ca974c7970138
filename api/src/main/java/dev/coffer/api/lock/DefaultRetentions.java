package dev.coffer.api.lock;

import dev.coffer.metadata.BucketRecord;
import dev.coffer.metadata.DefaultRetention;
import dev.coffer.metadata.Retention;
import java.util.Map;
import java.util.TreeMap;

/**
 * A bucket's default retention turned into a new version's retention: from the version's creation,
 * {@code Days} days or {@code Years} times 365 days. A day lasts {@code coffer.jobs.day-seconds}
 * (86,400 unless shortened for tests), the one setting that lifecycle and retention days share.
 * A write that names its own retention keeps it.
 */
public final class DefaultRetentions {
    private final long dayMillis;

    public DefaultRetentions(long dayMillis) {
        if (dayMillis <= 0) throw new IllegalArgumentException("a day must last");
        this.dayMillis = dayMillis;
    }

    /** S3's days. */
    public static DefaultRetentions standard() {
        return new DefaultRetentions(86_400_000L);
    }

    /** {@code attributes} with the bucket's default retention added unless they name one. */
    public Map<String, byte[]> apply(BucketRecord bucket, Map<String, byte[]> attributes, long createdMillis) {
        DefaultRetention rule = bucket.defaultRetention();
        if (rule == null || attributes.containsKey(Retention.ATTRIBUTE)) return attributes;
        Map<String, byte[]> out = new TreeMap<>(attributes);
        long days = rule.days() > 0 ? rule.days() : 365L * rule.years();
        out.put(Retention.ATTRIBUTE, new Retention(rule.mode(), createdMillis + days * dayMillis).encode());
        return out;
    }
}

package dev.coffer.metadata;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tags of an object version (its {@value #ATTRIBUTE} attribute) and of a bucket (its
 * {@value #BUCKET_CONFIG} configuration), in one small encoding: a format byte {@code 0x01}, then
 * the entries as {@code var n | n x (str key | str value)}, in the order the client gave them.
 * The S3 rules (10 or 50 tags, lengths, characters) are checked by {@code api} before a tag set is
 * stored; this class only stores and reads what was accepted.
 *
 * <p>The one reader for every consumer of tags (GET/HEAD's x-amz-tagging-count, GetObjectTagging,
 * lifecycle filters, the s3:ExistingObjectTag/&lt;key&gt; policy condition):
 * {@code Tags.of(record)}.
 */
public final class Tags {
    /** The object attribute (ObjectRecord.attributes) that holds a version's tags. */
    public static final String ATTRIBUTE = "tags";
    /** The bucket configuration name (SetBucketConfig) that holds a bucket's tags. */
    public static final String BUCKET_CONFIG = "tagging";

    private static final byte V1 = 1;

    private Tags() {}

    /** A version's tags, in the client's order; empty when it has none (a delete marker never has any). */
    public static Map<String, String> of(ObjectRecord record) {
        return decode(record.attribute(ATTRIBUTE).orElse(null));
    }

    /** The record with {@code tags} as its tags (none removes the attribute). */
    public static ObjectRecord with(ObjectRecord record, Map<String, String> tags) {
        return record.withAttribute(ATTRIBUTE, encode(tags));
    }

    /** The tags, or null for none: an empty tag set is stored as no attribute at all. */
    public static byte[] encode(Map<String, String> tags) {
        if (tags == null || tags.isEmpty()) return null;
        ValueOutput out = new ValueOutput(V1);
        out.writeMap(tags);
        return out.toByteArray();
    }

    /** The tags {@link #encode} wrote, in order; empty for null. */
    public static Map<String, String> decode(byte[] bytes) {
        if (bytes == null) return Map.of();
        ValueInput in = new ValueInput(bytes, V1, "tags");
        Map<String, String> tags = in.readMap();
        in.end();
        return Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }
}

package dev.coffer.api.lifecycle;

import java.util.Map;

/**
 * Which objects a lifecycle rule applies to: all of a key prefix, tags (each must be on the
 * object with exactly that value), and a size range (bounds exclusive, as S3's names say).
 *
 * @param prefix "" for every key
 * @param tags empty for no tag condition
 * @param sizeGreaterThan null for no lower bound
 * @param sizeLessThan null for no upper bound
 */
public record RuleFilter(String prefix, Map<String, String> tags, Long sizeGreaterThan, Long sizeLessThan) {
    public static final RuleFilter ALL = new RuleFilter("", Map.of(), null, null);

    public RuleFilter {
        prefix = prefix == null ? "" : prefix;
        tags = Map.copyOf(tags);
    }

    /** Whether an object (or version) with this key, size and tag set is in the rule's scope. */
    public boolean matches(String key, long size, Map<String, String> objectTags) {
        if (!key.startsWith(prefix)) return false;
        if (sizeGreaterThan != null && size <= sizeGreaterThan) return false;
        if (sizeLessThan != null && size >= sizeLessThan) return false;
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            if (!tag.getValue().equals(objectTags.get(tag.getKey()))) return false;
        }
        return true;
    }

    /** Whether the filter names any tag or size, which delete markers and uploads do not have. */
    boolean onPrefixOnly() {
        return tags.isEmpty() && sizeGreaterThan == null && sizeLessThan == null;
    }
}

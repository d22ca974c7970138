package dev.coffer.metadata;

import java.util.List;

/**
 * One page of a listing, in UTF-8 byte order.
 *
 * @param objects keys and what a listing shows of their records, in order
 * @param commonPrefixes rolled-up prefixes, in order
 * @param truncated true exactly when more entries exist after {@code lastEntry}
 * @param lastEntry the greatest key or common prefix returned (null when the page is empty); a
 *     follow-up query with {@code after = lastEntry} continues where this page ended
 */
public record ListPage(
        List<ObjectEntry> objects, List<String> commonPrefixes, boolean truncated, String lastEntry) {

    /** A key and what a listing shows of its latest version (not its whole record). */
    public record ObjectEntry(String key, ObjectSummary object) {}
}

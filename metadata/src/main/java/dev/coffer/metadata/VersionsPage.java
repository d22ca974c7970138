package dev.coffer.metadata;

import java.util.List;

/**
 * One page of ListObjectVersions: keys in UTF-8 byte order, each key's versions newest first.
 *
 * @param versions versions and delete markers, in order
 * @param commonPrefixes rolled-up prefixes, in order
 * @param truncated true exactly when more entries follow
 * @param nextKeyMarker the last key or common prefix returned (null when the page is empty)
 * @param nextVersionIdMarker the last version's id ("null" for the null version); null when the
 *     page ended with a common prefix or is empty
 */
public record VersionsPage(List<Entry> versions, List<String> commonPrefixes, boolean truncated,
                           String nextKeyMarker, String nextVersionIdMarker) {

    /** One version or delete marker; {@code versionId} is "null" for the null version. */
    public record Entry(String key, String versionId, boolean latest, ObjectRecord record) {}
}

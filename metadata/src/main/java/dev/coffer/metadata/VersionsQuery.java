package dev.coffer.metadata;

/**
 * One page request of ListObjectVersions.
 *
 * @param prefix only keys starting with it ("" for all)
 * @param delimiter null for a flat listing, else keys roll up into common prefixes as in {@link ListQuery}
 * @param keyMarker null or "" for the start; else entries after this key (or common prefix)
 * @param versionIdMarker with {@code keyMarker}: start after this version of that key instead
 *     ("null" names the null version); null to skip every version of {@code keyMarker}
 * @param maxKeys the most entries (versions, delete markers and common prefixes), 0..1000
 */
public record VersionsQuery(
        String bucket, String prefix, String delimiter, String keyMarker, String versionIdMarker, int maxKeys) {}

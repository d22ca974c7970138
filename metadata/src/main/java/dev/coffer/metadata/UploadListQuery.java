package dev.coffer.metadata;

/**
 * One page request of ListMultipartUploads.
 *
 * @param prefix only keys starting with it ("" for all)
 * @param delimiter null for a flat listing; else keys with the delimiter after the prefix roll up
 *     into one common prefix
 * @param keyMarker null or "" to start at the beginning; else only uploads of greater keys, and
 *     of this key too when {@code uploadIdMarker} is given
 * @param uploadIdMarker with {@code keyMarker}: uploads of that key with a greater id are listed
 * @param maxUploads the most entries (uploads plus common prefixes), 0..1000
 */
public record UploadListQuery(String bucket, String prefix, String delimiter, String keyMarker,
                              String uploadIdMarker, int maxUploads) {}

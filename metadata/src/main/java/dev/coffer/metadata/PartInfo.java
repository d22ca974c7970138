package dev.coffer.metadata;

/**
 * One part of an object completed from a multipart upload, as GET ?partNumber= and
 * GetObjectAttributes show it.
 *
 * @param partNumber 1..10,000
 * @param size payload bytes of the part
 * @param etag the part's ETag without quotes (hex MD5 of the part)
 * @param checksum the part's checksum in the upload's algorithm (base64), or null
 */
public record PartInfo(int partNumber, long size, String etag, String checksum) {}

package dev.coffer.metadata;

/**
 * One page request of a listing.
 *
 * @param prefix only keys starting with it ("" for all)
 * @param delimiter null for a flat listing; else keys with the delimiter after the prefix roll
 *     up into one common prefix (up to and including the first delimiter)
 * @param after exclusive lower bound: only entries (keys or common prefixes) that sort after it
 *     by UTF-8 bytes; null or "" for the start
 * @param maxKeys the most entries (keys plus common prefixes) to return, 0..1000
 */
public record ListQuery(String bucket, String prefix, String delimiter, String after, int maxKeys) {}

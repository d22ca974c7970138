package dev.coffer.metadata;

/**
 * What the catalogue holds, as of one snapshot: for operators' gauges, not for decisions.
 *
 * @param objects objects (current versions) in all buckets
 * @param bytes the sum of their sizes
 * @param gcBacklog chunks queued for deletion and not yet deleted
 */
public record CatalogStats(long objects, long bytes, long gcBacklog) {}

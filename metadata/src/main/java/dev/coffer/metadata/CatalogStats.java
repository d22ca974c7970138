package dev.coffer.metadata;

/**
 * What the catalogue holds, as of one snapshot: for operators' gauges and the console's storage
 * overview, not for decisions.
 *
 * @param objects objects (current versions that are not delete markers) in all buckets
 * @param bytes the sum of their sizes
 * @param gcBacklog chunks queued for deletion and not yet deleted
 * @param versions noncurrent versions kept by versioning (delete markers not counted)
 * @param versionBytes the sum of those versions' sizes
 * @param deleteMarkers delete markers, current or not
 * @param uploads multipart uploads started and neither completed nor aborted
 * @param uploadBytes the sum of the sizes of their uploaded parts
 */
public record CatalogStats(long objects, long bytes, long gcBacklog, long versions, long versionBytes,
                           long deleteMarkers, long uploads, long uploadBytes) {

    /** Current objects and the GC queue only (a catalogue without versions or unfinished uploads). */
    public CatalogStats(long objects, long bytes, long gcBacklog) {
        this(objects, bytes, gcBacklog, 0, 0, 0, 0, 0);
    }

    /** Every byte the catalogue accounts for: current objects, old versions and uploaded parts. */
    public long allBytes() {
        return bytes + versionBytes + uploadBytes;
    }
}

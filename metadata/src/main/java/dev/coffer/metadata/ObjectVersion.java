package dev.coffer.metadata;

/**
 * A version as read or just written, with the versioning state of its bucket (which decides
 * whether S3 names the null version in responses).
 */
public record ObjectVersion(ObjectRecord record, Versioning bucketVersioning) {

    /**
     * The id S3 reports for this version: its own id; "null" for the null version of a bucket
     * that has had versioning configured; null (no header) in an unversioned bucket.
     */
    public String reportedVersionId() {
        if (record.versionId() != null) {
            return record.versionId();
        }
        return bucketVersioning == Versioning.UNVERSIONED ? null : VersionIds.NULL;
    }
}

package dev.coffer.api.handler;

import dev.coffer.api.server.S3Call;
import dev.coffer.metadata.ObjectVersion;

/**
 * The x-amz-version-id family of response headers, as S3 sends them: a version's own id, "null"
 * for the null version of a bucket that has had versioning configured (a write into a suspended
 * bucket), nothing in a bucket that never had versioning.
 */
public final class VersionHeaders {
    private VersionHeaders() {}

    /** A write (PutObject, PostObject, CompleteMultipartUpload): the version it published. */
    public static void written(S3Call call, ObjectVersion published) {
        String id = published.reportedVersionId();
        if (id != null) call.responseHeaders().set("x-amz-version-id", id);
    }

    /** CopyObject and UploadPartCopy: the source version read; CopyObject also the version written. */
    static void copy(S3Call call, ObjectVersion source, ObjectVersion target) {
        String sourceId = source.reportedVersionId();
        if (sourceId != null) call.responseHeaders().set("x-amz-copy-source-version-id", sourceId);
        if (target != null) written(call, target);
    }

    /** DeleteObject: the version deleted or the marker made, and whether a delete marker was involved. */
    static void deleted(S3Call call, dev.coffer.metadata.DeleteOutcome outcome) {
        if (outcome.versionId() != null) call.responseHeaders().set("x-amz-version-id", outcome.versionId());
        if (outcome.deleteMarker()) call.responseHeaders().set("x-amz-delete-marker", "true");
    }
}

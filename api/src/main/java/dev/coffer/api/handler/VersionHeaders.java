package dev.coffer.api.handler;

import dev.coffer.api.server.S3Call;
import dev.coffer.metadata.ObjectRecord;

/**
 * The x-amz-version-id family of response headers. A write's response names its version when the
 * bucket gave it an id (versioning enabled). Deliberate difference: a write into a suspended
 * bucket, whose version is the null version, sends no x-amz-version-id, where S3 may send "null".
 */
final class VersionHeaders {
    private VersionHeaders() {}

    static void written(S3Call call, ObjectRecord published) {
        if (published.versionId() != null) call.responseHeaders().set("x-amz-version-id", published.versionId());
    }

    /** CopyObject: the source version read (when it has an id to report) and the version written. */
    static void copy(S3Call call, String sourceVersionId, String targetVersionId) {
        if (sourceVersionId != null) call.responseHeaders().set("x-amz-copy-source-version-id", sourceVersionId);
        if (targetVersionId != null) call.responseHeaders().set("x-amz-version-id", targetVersionId);
    }

    /** DeleteObject: the version deleted or the marker made, and whether a delete marker was involved. */
    static void deleted(S3Call call, dev.coffer.metadata.DeleteOutcome outcome) {
        if (outcome.versionId() != null) call.responseHeaders().set("x-amz-version-id", outcome.versionId());
        if (outcome.deleteMarker()) call.responseHeaders().set("x-amz-delete-marker", "true");
    }
}

package dev.coffer.api.handler;

import dev.coffer.api.error.S3Exception;
import dev.coffer.api.server.ExceptionTranslator;
import dev.coffer.api.xml.DeleteResult;
import dev.coffer.metadata.DeleteOutcome;

/** One DeleteObjects entry's result, with the delete-marker fields S3 reports. */
final class VersionedDeletes {
    private VersionedDeletes() {}

    /**
     * A delete that made a marker reports it as DeleteMarker/DeleteMarkerVersionId; a delete of a
     * named version echoes it, and if that version was a marker says so with the same id.
     */
    static DeleteResult.DeletedObject deleted(String key, String requestedVersionId, DeleteOutcome outcome) {
        if (!outcome.deleteMarker()) {
            return new DeleteResult.DeletedObject(key, requestedVersionId, null, null);
        }
        return new DeleteResult.DeletedObject(key, requestedVersionId, true, outcome.versionId());
    }

    /**
     * A client error (a malformed version id, say) keeps its S3 code, and so does NotImplemented (a
     * condition Coffer does not judge); anything else is InternalError.
     */
    static DeleteResult.Error error(String key, String versionId, Throwable e) {
        S3Exception s3 = ExceptionTranslator.translate(e);
        if (s3.status() < 500 || s3.code() == dev.coffer.api.error.S3ErrorCode.NotImplemented) {
            return new DeleteResult.Error(key, versionId, s3.code().code(), s3.message());
        }
        return new DeleteResult.Error(key, versionId, "InternalError", "We encountered an internal error. Please try again.");
    }
}

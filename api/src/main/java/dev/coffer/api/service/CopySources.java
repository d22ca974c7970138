package dev.coffer.api.service;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.metadata.ObjectVersion;

/** The version a copy source names, with S3's answers for delete markers as copy sources. */
final class CopySources {
    private CopySources() {}

    /** Blocking. NoSuchKey (or NoSuchVersion) when absent; InvalidRequest for a delete marker named by id. */
    static ObjectVersion resolve(VersionService versions, String bucket, String key, String versionId) {
        try {
            return versions.resolveNow(bucket, key, versionId);
        } catch (S3Exception e) {
            if (e.code() == S3ErrorCode.MethodNotAllowed) {
                throw S3Exception.of(S3ErrorCode.InvalidRequest).withMessage(
                        "The source of a copy request may not specifically refer to a delete marker by version id.");
            }
            if (e.code() == S3ErrorCode.NoSuchKey) {
                throw S3Exception.of(S3ErrorCode.NoSuchKey).with("Key", key); // no delete-marker headers: they would describe the source
            }
            throw e;
        }
    }
}

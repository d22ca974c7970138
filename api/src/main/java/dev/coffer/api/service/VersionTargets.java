package dev.coffer.api.service;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.metadata.ObjectVersion;

/**
 * The version a request on one of its subresources names (tagging; retention and legal hold
 * alike): the latest when no id is given. S3 answers 405 MethodNotAllowed when that version is a
 * delete marker, whether it was named by id or is the latest (where a GET of the object itself
 * answers 404), and NoSuchKey or NoSuchVersion when there is none.
 */
public final class VersionTargets {
    private VersionTargets() {}

    /** Blocking: call on the I/O scheduler. {@code method} is the request's, for the 405's Method element. */
    public static ObjectVersion resolve(VersionService versions, String bucket, String key, String versionId,
                                        String method) {
        try {
            return versions.resolveNow(bucket, key, versionId);
        } catch (S3Exception e) {
            if (!e.headers().containsKey("x-amz-delete-marker")) throw e;
            S3Exception refusal = S3Exception.of(S3ErrorCode.MethodNotAllowed)
                    .with("Method", method).with("ResourceType", "DeleteMarker")
                    .withHeader("x-amz-delete-marker", "true");
            for (String header : new String[] {"x-amz-version-id", "Last-Modified"}) {
                String value = e.headers().get(header);
                if (value != null) refusal = refusal.withHeader(header, value);
            }
            throw refusal;
        }
    }
}

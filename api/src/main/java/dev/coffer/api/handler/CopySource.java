package dev.coffer.api.handler;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.api.http.Names;
import dev.coffer.api.http.Preconditions;
import dev.coffer.api.routing.QueryString;
import dev.coffer.api.server.S3Call;

/**
 * The x-amz-copy-source header of CopyObject and UploadPartCopy: "[/]bucket/key[?versionId=…]",
 * URL-encoded. The version it names is resolved once, for both, by the services' CopySources.
 */
public record CopySource(String bucket, String key, String versionId) {
    public static CopySource parse(String header) {
        if (header == null) throw invalid();
        String value = header;
        String versionId = null;
        int q = value.indexOf('?');
        try {
            if (q >= 0) {
                versionId = QueryString.parse(value.substring(q + 1)).get("versionId");
                value = value.substring(0, q);
            }
            value = QueryString.decode(value, false);
        } catch (S3Exception e) {
            throw S3Exception.of(S3ErrorCode.InvalidArgument).withMessage("Invalid copy source encoding.")
                    .with("ArgumentName", "x-amz-copy-source");
        }
        if (value.startsWith("/")) value = value.substring(1);
        int slash = value.indexOf('/');
        if (slash <= 0 || slash == value.length() - 1) throw invalid();
        String bucket = value.substring(0, slash);
        Names.checkBucket(bucket); // before any lookup, as for the bucket a request names
        return new CopySource(bucket, value.substring(slash + 1), versionId);
    }

    /** The x-amz-copy-source-if-* conditions the request puts on the source. */
    static Preconditions.Conditions conditions(S3Call call) {
        return new Preconditions.Conditions(
                call.header("x-amz-copy-source-if-match"), call.header("x-amz-copy-source-if-none-match"),
                call.header("x-amz-copy-source-if-modified-since"), call.header("x-amz-copy-source-if-unmodified-since"));
    }

    private static S3Exception invalid() {
        return S3Exception.of(S3ErrorCode.InvalidArgument)
                .withMessage("Copy Source must mention the source bucket and key: sourcebucket/sourcekey")
                .with("ArgumentName", "x-amz-copy-source");
    }
}

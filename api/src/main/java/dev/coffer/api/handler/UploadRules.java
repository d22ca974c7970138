package dev.coffer.api.handler;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.api.server.S3Call;
import dev.coffer.auth.PayloadMode;
import dev.coffer.metadata.WriteCondition;
import java.util.Base64;

/** What S3 checks of an upload's headers and of the body once received. */
final class UploadRules {
    /** S3's largest single PUT: 5 GiB. */
    static final long MAX_SINGLE_PUT = 5L * 1024 * 1024 * 1024;

    private UploadRules() {}

    /**
     * The payload length the client declared: x-amz-decoded-content-length for aws-chunked bodies,
     * else Content-Length. MissingContentLength (411) when it is not given, as S3 answers: also
     * for a body sent with {@code Transfer-Encoding: chunked} and no length (Netty drops a
     * Content-Length sent alongside it), since an upload of unbounded length could only be
     * refused after it had filled the disk. EntityTooLarge past 5 GiB.
     */
    static long declaredLength(S3Call call) {
        boolean chunked = call.auth().payload() instanceof PayloadMode.Streaming;
        String value = chunked ? call.header("x-amz-decoded-content-length") : call.header("Content-Length");
        if (value == null) throw S3Exception.of(S3ErrorCode.MissingContentLength);
        long length;
        try {
            length = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw S3Exception.of(S3ErrorCode.InvalidArgument).withMessage("Invalid length: " + value);
        }
        if (length < 0) throw S3Exception.of(S3ErrorCode.InvalidArgument).withMessage("Invalid length: " + value);
        if (length > MAX_SINGLE_PUT) {
            throw S3Exception.of(S3ErrorCode.EntityTooLarge)
                    .with("ProposedSize", Long.toString(length))
                    .with("MaxSizeAllowed", Long.toString(MAX_SINGLE_PUT));
        }
        return length;
    }

    /** The decoded Content-MD5, or null; InvalidDigest when it is not base64 of 16 bytes. */
    static byte[] contentMd5(S3Call call) {
        String value = call.header("Content-MD5");
        if (value == null) return null;
        try {
            byte[] md5 = Base64.getDecoder().decode(value.trim());
            if (md5.length == 16) return md5;
        } catch (IllegalArgumentException ignored) {
            // falls through to InvalidDigest
        }
        throw S3Exception.of(S3ErrorCode.InvalidDigest).with("Content-MD5", value);
    }

    /** If-None-Match: * and If-Match: "etag" as S3's conditional writes. */
    static WriteCondition writeCondition(S3Call call) {
        String ifNoneMatch = call.header("If-None-Match");
        String ifMatch = call.header("If-Match");
        if (ifNoneMatch != null) {
            if (!ifNoneMatch.trim().equals("*")) {
                throw S3Exception.of(S3ErrorCode.NotImplemented)
                        .withMessage("A header you provided implies functionality that is not implemented")
                        .with("Header", "If-None-Match");
            }
            return new WriteCondition.IfAbsent();
        }
        if (ifMatch != null) {
            String etag = ifMatch.trim();
            if (etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")) etag = etag.substring(1, etag.length() - 1);
            return new WriteCondition.IfEtagMatches(etag);
        }
        return WriteCondition.NONE;
    }
}

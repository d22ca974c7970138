package dev.coffer.api.handler;

import dev.coffer.api.checksum.ChecksumAlgorithm;
import dev.coffer.api.checksum.ChecksumRequest;
import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.api.server.S3Call;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The integrity header S3 demands of configuration requests (DeleteObjects, …): Content-MD5, or
 * a flexible checksum (header or trailer), checked against the body.
 */
final class BodyIntegrity {
    private BodyIntegrity() {}

    static void requireDigest(S3Call call, byte[] body, java.util.Map<String, String> trailers) {
        if (call.header("Content-MD5") == null && ChecksumRequest.from(call.requestHeaders()).isEmpty()) {
            throw S3Exception.of(S3ErrorCode.InvalidRequest).withMessage("Missing required header for this request: Content-MD5");
        }
        checkDigest(call, body, trailers);
    }

    /** Content-MD5 or a flexible checksum, whichever was sent, checked against the body; neither is fine. */
    static void checkDigest(S3Call call, byte[] body, java.util.Map<String, String> trailers) {
        String md5 = call.header("Content-MD5");
        if (md5 != null) {
            byte[] expected;
            try {
                expected = Base64.getDecoder().decode(md5.trim());
            } catch (IllegalArgumentException e) {
                throw S3Exception.of(S3ErrorCode.InvalidDigest).with("Content-MD5", md5);
            }
            if (expected.length != 16) throw S3Exception.of(S3ErrorCode.InvalidDigest).with("Content-MD5", md5);
            if (!MessageDigest.isEqual(expected, digest("MD5", body))) throw S3Exception.of(S3ErrorCode.BadDigest);
            return;
        }
        java.util.Optional<ChecksumRequest> sent = ChecksumRequest.from(call.requestHeaders());
        if (sent.isEmpty()) return;
        ChecksumRequest checksum = sent.get();
        ChecksumAlgorithm.Calculator calculator = checksum.algorithm().newCalculator();
        calculator.update(java.nio.ByteBuffer.wrap(body));
        checksum.verify(calculator.base64(), trailers);
    }

    private static byte[] digest(String algorithm, byte[] body) {
        try {
            return MessageDigest.getInstance(algorithm).digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.coffer.api.service;

import dev.coffer.api.checksum.ChecksumAlgorithm;
import dev.coffer.api.checksum.ChecksumRequest;
import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * What a received body must match, as the request declared it: its length,
 * its Content-MD5 (null when not sent) and a flexible checksum.
 */
public record BodyCheck(long declaredLength, byte[] contentMd5, Optional<ChecksumRequest> checksum) {
    /** The algorithm to compute while receiving, or null. */
    public ChecksumAlgorithm algorithm() {
        return checksum.map(ChecksumRequest::algorithm).orElse(null);
    }

    /**
     * IncompleteBody when fewer/more bytes arrived than declared; BadDigest when Content-MD5 or the
     * flexible checksum differs from what was received.
     */
    public void verify(StoredBody body) {
        if (body.size() != declaredLength) {
            throw S3Exception.of(S3ErrorCode.IncompleteBody);
        }
        if (contentMd5 != null && !MessageDigest.isEqual(contentMd5, body.md5())) {
            throw S3Exception.of(S3ErrorCode.BadDigest)
                    .with("ExpectedDigest", Base64.getEncoder().encodeToString(contentMd5))
                    .with("CalculatedDigest", Base64.getEncoder().encodeToString(body.md5()));
        }
        checksum.ifPresent(c -> c.verify(body.checksum(), body.trailers()));
    }

    /** The checksums the object keeps: the one asked for, as received. */
    Map<String, String> checksums(StoredBody body) {
        return checksum.map(c -> Map.of(c.algorithm().name(), body.checksum())).orElse(Map.of());
    }
}

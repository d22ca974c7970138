package dev.coffer.api.sse;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.http.HttpHeaders;

/**
 * An SSE-C customer key as a request sends it: the three
 * {@code x-amz-server-side-encryption-customer-*} headers, or their
 * {@code x-amz-copy-source-server-side-encryption-customer-*} twins for a copy's source. Lives
 * for one request only; never stored, never logged.
 *
 * @param key the 32 key bytes
 * @param md5 the base64 MD5 of the key, as the client computed it (and checked)
 */
public record CustomerKey(byte[] key, String md5) {
    public static final String PREFIX = "x-amz-server-side-encryption-customer-";
    public static final String COPY_SOURCE_PREFIX = "x-amz-copy-source-server-side-encryption-customer-";

    @Override
    public String toString() {
        return "CustomerKey[md5=" + md5 + "]";
    }

    /** The target's customer key, if the request names one; InvalidArgument when its headers are wrong. */
    public static Optional<CustomerKey> target(HttpHeaders headers) {
        return parse(headers, PREFIX);
    }

    /** The copy source's customer key, if the request names one. */
    public static Optional<CustomerKey> copySource(HttpHeaders headers) {
        return parse(headers, COPY_SOURCE_PREFIX);
    }

    /** True when any header of the set is present (even empty). */
    static boolean present(HttpHeaders headers, String prefix) {
        for (String name : PREFIX.equals(prefix) ? TARGET_HEADERS : COPY_SOURCE_HEADERS) {
            if (headers.containsHeader(name)) return true;
        }
        return false;
    }

    // Asked on every request (Encryption.checkTransport): the names built once, not per request.
    private static final List<String> TARGET_HEADERS = headerNames(PREFIX);
    private static final List<String> COPY_SOURCE_HEADERS = headerNames(COPY_SOURCE_PREFIX);

    private static List<String> headerNames(String prefix) {
        return List.of(prefix + "algorithm", prefix + "key", prefix + "key-md5");
    }

    // Messages as S3 sends them (InvalidArgument, 400).
    static final String ALGORITHM = "Requests specifying Server Side Encryption with Customer provided keys must "
            + "provide a valid encryption algorithm.";
    static final String MISSING_KEY = "Requests specifying Server Side Encryption with Customer provided keys must "
            + "provide an appropriate secret key.";
    static final String MISSING_MD5 = "Requests specifying Server Side Encryption with Customer provided keys must "
            + "provide the client calculated MD5 of the secret key.";
    static final String MD5_MISMATCH = "The calculated MD5 hash of the key did not match the hash that was provided.";
    static final String BAD_KEY = "The secret key was invalid for the specified algorithm.";

    private static Optional<CustomerKey> parse(HttpHeaders headers, String prefix) {
        if (!present(headers, prefix)) return Optional.empty();
        String algorithm = headers.getFirst(prefix + "algorithm");
        String key = headers.getFirst(prefix + "key");
        String md5 = headers.getFirst(prefix + "key-md5");
        if (algorithm == null || algorithm.isEmpty()) throw invalid(prefix + "algorithm", ALGORITHM, algorithm);
        if (!algorithm.equals("AES256")) {
            throw S3Exception.of(S3ErrorCode.InvalidEncryptionAlgorithmError)
                    .with("ArgumentName", prefix + "algorithm").with("ArgumentValue", algorithm);
        }
        if (key == null || key.isEmpty()) throw invalid(prefix + "key", MISSING_KEY, null);
        if (md5 == null || md5.isEmpty()) throw invalid(prefix + "key-MD5", MISSING_MD5, null);
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(key.trim());
        } catch (IllegalArgumentException e) {
            throw invalid(prefix + "key", BAD_KEY, null);
        }
        if (bytes.length != 32) throw invalid(prefix + "key", BAD_KEY, null);
        String actual = Base64.getEncoder().encodeToString(md5(bytes));
        if (!actual.equals(md5.trim())) throw invalid(prefix + "key-MD5", MD5_MISMATCH, null);
        return Optional.of(new CustomerKey(bytes, actual));
    }

    private static S3Exception invalid(String header, String message, String value) {
        S3Exception e = S3Exception.of(S3ErrorCode.InvalidArgument).withMessage(message)
                .with("ArgumentName", header.toLowerCase(Locale.ROOT).replace("key-md5", "key-MD5"));
        return value == null ? e : e.with("ArgumentValue", value);
    }

    private static byte[] md5(byte[] bytes) {
        try {
            return MessageDigest.getInstance("MD5").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

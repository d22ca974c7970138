package dev.coffer.api.iam;

import dev.coffer.api.config.SecretFiles;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The ids IAM hands out, in IAM's shapes: AKIA… keys, AIDA… users, ANPA… policies, 12-digit accounts. */
final class IamIds {
    private static final String UPPER_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String SECRET_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private IamIds() {}

    /** The first account's id, from the server's root access key: the same on every node of a cluster. */
    static String firstAccountId(String rootAccessKey) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(("coffer-first-account:" + rootAccessKey).getBytes(StandardCharsets.UTF_8));
            long n = ByteBuffer.wrap(hash).getLong() & Long.MAX_VALUE;
            return Long.toString(100_000_000_000L + n % 900_000_000_000L);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String accessKeyId() {
        return "AKIA" + SecretFiles.random(UPPER_DIGITS, 16);
    }

    static String secretKey() {
        return SecretFiles.random(SECRET_CHARS, 40);
    }

    static String userId() {
        return "AIDA" + SecretFiles.random(UPPER_DIGITS, 17);
    }

    static String policyId() {
        return "ANPA" + SecretFiles.random(UPPER_DIGITS, 17);
    }

    static String accountId() {
        return SecretFiles.random("123456789", 1) + SecretFiles.random("0123456789", 11);
    }

    static String canonicalId() {
        return SecretFiles.random("0123456789abcdef", 64);
    }
}

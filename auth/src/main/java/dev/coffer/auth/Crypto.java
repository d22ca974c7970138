package dev.coffer.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SHA-256 and HMAC-SHA256 with per-thread instances: provider look-up in getInstance costs more
 * than hashing a canonical request, so the hot path reuses one of each per thread.
 */
final class Crypto {
    static final String HMAC_SHA256 = "HmacSHA256";
    /** hex(sha256("")), used in every chunk string to sign. */
    static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(Crypto::newSha256);
    private static final ThreadLocal<Mac> HMAC = ThreadLocal.withInitial(Crypto::newHmac);

    private Crypto() {}

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    static Mac newHmac() {
        try {
            return Mac.getInstance(HMAC_SHA256);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }

    /** A new HMAC-SHA256 already keyed with {@code key}; doFinal leaves it keyed for reuse. */
    static Mac newHmac(byte[] key) {
        Mac mac = newHmac();
        init(mac, key);
        return mac;
    }

    static String sha256Hex(String text) {
        MessageDigest digest = SHA256.get();
        digest.reset();
        return Hex.encode(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    static byte[] hmac(byte[] key, String data) {
        Mac mac = HMAC.get();
        init(mac, key);
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private static void init(Mac mac, byte[] key) {
        try {
            mac.init(new SecretKeySpec(key, HMAC_SHA256));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC accepts any key", e);
        }
    }
}

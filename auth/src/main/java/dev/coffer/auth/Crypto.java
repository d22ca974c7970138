package dev.coffer.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SHA-256, HMAC-SHA256 (SigV4) and HMAC-SHA1 (SigV2) with per-thread instances: provider look-up
 * in getInstance costs more than hashing a canonical request, so the hot path reuses one of each
 * per thread.
 */
final class Crypto {
    static final String HMAC_SHA256 = "HmacSHA256";
    static final String HMAC_SHA1 = "HmacSHA1";
    /** hex(sha256("")), used in every chunk string to sign. */
    static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(Crypto::newSha256);
    /** The bytes of wire text on their way into SHA256, a piece at a time: a fixed 512 bytes per thread. */
    private static final ThreadLocal<byte[]> WIRE_PIECE = ThreadLocal.withInitial(() -> new byte[512]);
    private static final ThreadLocal<Mac> HMAC = ThreadLocal.withInitial(Crypto::newHmac);
    private static final ThreadLocal<Mac> SHA1_HMAC = ThreadLocal.withInitial(() -> newMac(HMAC_SHA1));

    private Crypto() {}

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    static Mac newHmac() {
        return newMac(HMAC_SHA256);
    }

    private static Mac newMac(String algorithm) {
        try {
            return Mac.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has " + algorithm, e);
        }
    }

    /** A new HMAC-SHA256 already keyed with {@code key}; doFinal leaves it keyed for reuse. */
    static Mac newHmac(byte[] key) {
        Mac mac = newHmac();
        init(mac, key);
        return mac;
    }

    /**
     * Hex SHA-256 of {@link WireText}: the canonical request, byte for byte as the client sent its
     * parts. Hashed from the text a piece at a time, with no copy of the whole as a String or bytes.
     */
    static String sha256HexOfWire(CharSequence wire) {
        MessageDigest digest = SHA256.get();
        digest.reset();
        byte[] piece = WIRE_PIECE.get();
        for (int start = 0; start < wire.length(); start += piece.length) {
            int n = Math.min(piece.length, wire.length() - start);
            WireText.copyBytes(wire, start, n, piece);
            digest.update(piece, 0, n);
        }
        return Hex.encode(digest.digest());
    }

    static byte[] hmac(byte[] key, String data) {
        return mac(HMAC.get(), key, data);
    }

    /** HMAC-SHA1 of SigV2's string to sign, given as {@link WireText}. */
    static byte[] hmacSha1OfWire(byte[] key, String wire) {
        Mac mac = SHA1_HMAC.get();
        init(mac, key);
        return mac.doFinal(WireText.bytes(wire));
    }

    private static byte[] mac(Mac mac, byte[] key, String data) {
        init(mac, key);
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private static void init(Mac mac, byte[] key) {
        try {
            mac.init(new SecretKeySpec(key, mac.getAlgorithm()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC accepts any key", e);
        }
    }
}

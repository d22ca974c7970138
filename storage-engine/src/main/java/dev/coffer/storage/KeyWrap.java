package dev.coffer.storage;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Wraps a data key under a key-encryption key (the master key, a key ring's key, or an SSE-C
 * customer key), as FORMAT.md "Wrapped data keys" lays out: version byte 1, a random 12-byte
 * nonce, then AES-256-GCM of the 32 key bytes with its 16-byte tag; the context (what the key
 * is for, e.g. "sse-s3") is authenticated as associated data, so a wrapped key cannot be moved
 * to another use. Thread-safe (no shared state but the random source).
 */
public final class KeyWrap {
    /** Bytes of a wrapped key: version 1 + nonce 12 + ciphertext 32 + tag 16. */
    public static final int WRAPPED_LENGTH = 61;
    private static final byte VERSION = 1;
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyWrap() {}

    /** {@code dataKey} wrapped under {@code kek} (32 bytes) for {@code context}. */
    public static byte[] wrap(DataKey dataKey, byte[] kek, String context) {
        byte[] nonce = new byte[NONCE];
        RANDOM.nextBytes(nonce);
        try {
            Cipher gcm = gcm(Cipher.ENCRYPT_MODE, kek, nonce, context);
            ByteBuffer out = ByteBuffer.allocate(WRAPPED_LENGTH).put(VERSION).put(nonce);
            out.put(gcm.doFinal(dataKey.bytes()));
            return out.array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM refused to wrap", e);
        }
    }

    /**
     * The data key in {@code wrapped}.
     *
     * @throws WrongKeyException if {@code kek} or {@code context} is not the one it was wrapped
     *     with, or the bytes were altered (the GCM tag fails)
     */
    public static DataKey unwrap(byte[] wrapped, byte[] kek, String context) throws WrongKeyException {
        if (wrapped.length != WRAPPED_LENGTH || wrapped[0] != VERSION) {
            throw new WrongKeyException("not a wrapped key of version 1");
        }
        byte[] nonce = java.util.Arrays.copyOfRange(wrapped, 1, 1 + NONCE);
        try {
            Cipher gcm = gcm(Cipher.DECRYPT_MODE, kek, nonce, context);
            return DataKey.of(gcm.doFinal(wrapped, 1 + NONCE, wrapped.length - 1 - NONCE));
        } catch (AEADBadTagException e) {
            throw new WrongKeyException("the key does not open this data key");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM refused to unwrap", e);
        }
    }

    /**
     * A keyed fingerprint of a secret (an SSE-C customer key): HMAC-SHA256 under {@code secret},
     * so a stored fingerprint tells whether a later request's key is the same one, yet cannot be
     * checked against guesses by anyone without {@code secret}.
     */
    public static byte[] fingerprint(byte[] key, byte[] secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks HmacSHA256", e);
        }
    }

    private static Cipher gcm(int mode, byte[] kek, byte[] nonce, String context) throws GeneralSecurityException {
        if (kek.length != DataKey.LENGTH) throw new IllegalArgumentException("a key-encryption key has 32 bytes");
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(mode, new SecretKeySpec(kek, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        gcm.updateAAD(context.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return gcm;
    }

    /** The key given does not open a wrapped data key. */
    public static final class WrongKeyException extends Exception {
        public WrongKeyException(String message) {
            super(message);
        }
    }
}

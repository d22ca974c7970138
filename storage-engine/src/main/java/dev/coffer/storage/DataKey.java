package dev.coffer.storage;

import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.spec.SecretKeySpec;

/**
 * One object version's (or one multipart upload's) AES-256 data key: it encrypts the blocks of
 * every chunk the version owns, and its inline bytes (FORMAT.md, "Encrypted chunks"). It is
 * never stored as it is, only wrapped ({@link KeyWrap}). Immutable.
 */
public final class DataKey {
    /** AES-256: 32 bytes. */
    public static final int LENGTH = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec spec;

    private DataKey(byte[] bytes) {
        if (bytes.length != LENGTH) throw new IllegalArgumentException("a data key has 32 bytes, not " + bytes.length);
        this.spec = new SecretKeySpec(bytes, "AES");
    }

    /** A fresh key from the platform's strong random source. */
    public static DataKey generate() {
        byte[] bytes = new byte[LENGTH];
        RANDOM.nextBytes(bytes);
        return new DataKey(bytes);
    }

    /** The key of these 32 bytes (copied). */
    public static DataKey of(byte[] bytes) {
        return new DataKey(bytes.clone());
    }

    SecretKeySpec spec() {
        return spec;
    }

    byte[] bytes() {
        return spec.getEncoded();
    }

    /**
     * A copy of the 32 key bytes, for a key that serves as a key-encryption key (a key ring's
     * key, the master key): never store or log them unwrapped.
     */
    public byte[] toBytes() {
        return bytes();
    }

    /**
     * Encrypts, or decrypts (AES-CTR is its own inverse), the bytes of an inline object: the
     * counter starts at zero, which is safe because a data key encrypts at most one inline body
     * (FORMAT.md). Returns a new array.
     */
    public byte[] cryptInline(byte[] bytes) {
        return BlockCrypto.cryptInline(this, bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DataKey other && Arrays.equals(bytes(), other.bytes());
    }

    @Override
    public int hashCode() {
        return 0; // never a map key; equals is for tests
    }

    @Override
    public String toString() {
        return "DataKey[hidden]";
    }
}

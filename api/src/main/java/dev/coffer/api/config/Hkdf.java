package dev.coffer.api.config;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HKDF with HMAC-SHA256 (RFC 5869), built on the JDK's HMAC: Java 17 has no KDF API (it came in
 * Java 24) and no dependency of ours ships one. Used to derive keys that every node of a cluster
 * computes alike from the root secret they share. Checked against RFC 5869's test vectors.
 */
public final class Hkdf {
    private static final String HMAC = "HmacSHA256";
    private static final int HASH_LENGTH = 32;

    private Hkdf() {}

    /** {@code length} bytes of output keying material: Expand(Extract(salt, ikm), info, length). */
    public static byte[] sha256(byte[] salt, byte[] ikm, byte[] info, int length) {
        if (length <= 0 || length > 255 * HASH_LENGTH) throw new IllegalArgumentException("HKDF length out of range: " + length);
        try {
            Mac extract = Mac.getInstance(HMAC);
            extract.init(new SecretKeySpec(salt.length == 0 ? new byte[HASH_LENGTH] : salt, HMAC));
            byte[] prk = extract.doFinal(ikm);
            Mac expand = Mac.getInstance(HMAC);
            expand.init(new SecretKeySpec(prk, HMAC));
            ByteArrayOutputStream okm = new ByteArrayOutputStream(length);
            byte[] block = new byte[0];
            for (int i = 1; okm.size() < length; i++) {
                expand.update(block);
                expand.update(info);
                expand.update((byte) i);
                block = expand.doFinal();
                okm.write(block, 0, Math.min(block.length, length - okm.size()));
            }
            return okm.toByteArray();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }
}

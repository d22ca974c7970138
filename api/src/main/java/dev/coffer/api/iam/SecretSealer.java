package dev.coffer.api.iam;

import dev.coffer.api.config.SecretFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals access-key secrets for the catalogue: AES-256-GCM under a key kept in the data directory
 * ({@value #FILE_NAME}, mode 0600, generated at first use), bound to the access key id as
 * associated data so a sealed secret cannot be moved to another key. Sealed form: byte 1 (format),
 * 12-byte nonce, ciphertext with its 16-byte tag. The catalogue (and any copy of it) holds no
 * secret in clear; whoever holds the data directory holds the key, as with the root key pair.
 */
public final class SecretSealer {
    public static final String FILE_NAME = "iam-secrets.key";
    private static final byte FORMAT = 1;
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    SecretSealer(byte[] key) {
        if (key.length != 32) throw new IllegalArgumentException("an AES-256 key is 32 bytes");
        this.key = new SecretKeySpec(key, "AES");
    }

    /** The sealer of the data directory: its key file, created (0600) when absent. */
    public static SecretSealer open(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            byte[] fresh = new byte[32];
            RANDOM.nextBytes(fresh);
            SecretFiles.writeOwnerOnly(file, fresh);
        }
        return new SecretSealer(Files.readAllBytes(file));
    }

    public byte[] seal(String accessKeyId, String secret) {
        byte[] nonce = new byte[NONCE];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, accessKeyId);
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[1 + NONCE + sealed.length];
            out[0] = FORMAT;
            System.arraycopy(nonce, 0, out, 1, NONCE);
            System.arraycopy(sealed, 0, out, 1 + NONCE, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal a secret", e);
        }
    }

    /** @throws IllegalStateException if the bytes were not sealed for this key id under this key */
    public String open(String accessKeyId, byte[] sealed) {
        if (sealed.length < 1 + NONCE || sealed[0] != FORMAT) throw new IllegalStateException("not a sealed secret");
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, Arrays.copyOfRange(sealed, 1, 1 + NONCE), accessKeyId);
            return new String(cipher.doFinal(sealed, 1 + NONCE, sealed.length - 1 - NONCE), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a sealed secret does not open under " + FILE_NAME, e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String accessKeyId) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(accessKeyId.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}

package dev.coffer.api.iam;

import dev.coffer.api.config.Hkdf;
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
 * Seals access-key secrets for the catalogue with AES-256-GCM, bound to the access key id as
 * associated data so a sealed secret cannot be moved to another key. Sealed form: byte 1 (format),
 * 12-byte nonce, ciphertext with its 16-byte tag. The format byte names the key:
 *
 * <ul>
 *   <li>{@value #FILE_FORMAT}: the data directory's own key, {@value #FILE_NAME} (mode 0600, generated at
 *       first use). A single node seals with it, as it always has.
 *   <li>{@value #SHARED_FORMAT}: a key every node of a cluster derives alike from the root secret they
 *       share (HKDF-SHA256, info {@value #SHARED_INFO}). A cluster node seals with it, so a key made
 *       through one node signs on every node. Changing the root secret makes these unopenable.
 * </ul>
 *
 * Either sealer opens both formats where it has the key: a cluster node whose data directory holds
 * an {@value #FILE_NAME} (it was a single node before) still opens what was sealed under it. The
 * catalogue (and any copy of it) holds no secret in clear.
 */
public final class SecretSealer {
    public static final String FILE_NAME = "iam-secrets.key";
    static final byte FILE_FORMAT = 1;
    static final byte SHARED_FORMAT = 2;
    static final String SHARED_INFO = "coffer-iam-secrets-v1";
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec fileKey; // null: this node has no iam-secrets.key
    private final SecretKeySpec sharedKey;
    private final byte sealWith;

    private SecretSealer(byte[] fileKey, byte[] sharedKey, byte sealWith) {
        if (fileKey != null && fileKey.length != 32) throw new IllegalArgumentException("an AES-256 key is 32 bytes");
        this.fileKey = fileKey == null ? null : new SecretKeySpec(fileKey, "AES");
        this.sharedKey = new SecretKeySpec(sharedKey, "AES");
        this.sealWith = sealWith;
    }

    /** A single node's sealer: seals under the data directory's key file, created (0600) when absent. */
    public static SecretSealer single(Path dataDir, String rootSecret) throws IOException {
        Path file = dataDir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            byte[] fresh = new byte[32];
            RANDOM.nextBytes(fresh);
            SecretFiles.writeOwnerOnly(file, fresh);
        }
        return new SecretSealer(Files.readAllBytes(file), sharedKey(rootSecret), FILE_FORMAT);
    }

    /**
     * A cluster node's sealer: seals under the key derived from the root secret every node shares;
     * opens what a former single node sealed under its key file when that file is in {@code dataDir}.
     */
    public static SecretSealer shared(Path dataDir, String rootSecret) throws IOException {
        Path file = dataDir.resolve(FILE_NAME);
        byte[] fileKey = Files.exists(file) ? Files.readAllBytes(file) : null;
        return new SecretSealer(fileKey, sharedKey(rootSecret), SHARED_FORMAT);
    }

    private static byte[] sharedKey(String rootSecret) {
        return Hkdf.sha256(new byte[0], rootSecret.getBytes(StandardCharsets.UTF_8),
                SHARED_INFO.getBytes(StandardCharsets.UTF_8), 32);
    }

    public byte[] seal(String accessKeyId, String secret) {
        byte[] nonce = new byte[NONCE];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, key(sealWith), nonce, accessKeyId);
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[1 + NONCE + sealed.length];
            out[0] = sealWith;
            System.arraycopy(nonce, 0, out, 1, NONCE);
            System.arraycopy(sealed, 0, out, 1 + NONCE, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal a secret", e);
        }
    }

    /** @throws IllegalStateException if the bytes were not sealed for this key id under a key this node holds */
    public String open(String accessKeyId, byte[] sealed) {
        if (sealed.length < 1 + NONCE || (sealed[0] != FILE_FORMAT && sealed[0] != SHARED_FORMAT)) {
            throw new IllegalStateException("not a sealed secret");
        }
        SecretKeySpec key = key(sealed[0]);
        if (key == null) {
            throw new IllegalStateException("the secret of " + accessKeyId + " was sealed under another node's "
                    + FILE_NAME + "; copy that file into this node's data directory");
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, Arrays.copyOfRange(sealed, 1, 1 + NONCE), accessKeyId);
            return new String(cipher.doFinal(sealed, 1 + NONCE, sealed.length - 1 - NONCE), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the secret of " + accessKeyId + " does not open under "
                    + (sealed[0] == FILE_FORMAT ? FILE_NAME : "the key derived from the root secret (was it changed?)"), e);
        }
    }

    private SecretKeySpec key(byte format) {
        return format == FILE_FORMAT ? fileKey : sharedKey;
    }

    private static Cipher cipher(int mode, SecretKeySpec key, byte[] nonce, String accessKeyId) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(accessKeyId.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}

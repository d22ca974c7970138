package dev.coffer.api.sse;

import dev.coffer.storage.DataKey;
import java.util.List;
import java.util.Optional;

/**
 * The key-management service behind SSE-KMS: it wraps and unwraps data keys under keys it keeps
 * and never hands out. Coffer ships one implementation, {@link LocalKeyRing} (keys in the data
 * directory, under the master key); to use a real KMS (AWS KMS, Vault transit, a KMIP server),
 * implement this interface and expose it as a Spring bean of type {@code KeyRing}: Coffer then
 * uses it instead (docs/encryption.md, "Plugging in a KMS").
 *
 * <p>Implementations are thread-safe and may block (they are called on the I/O scheduler).
 */
public interface KeyRing {

    /** A key's id and the ARN-like name S3 responses carry for it. */
    record KeyInfo(String keyId, String arn, long createdMillis) {}

    /** Creates a new key and returns it. */
    KeyInfo create(String description);

    /** The key for aws:kms without a key id (AWS's "aws/s3" managed key), created on first use. */
    KeyInfo defaultKey();

    /** Every key, oldest first. */
    List<KeyInfo> list();

    /** The key named by an id or ARN, if it exists. */
    Optional<KeyInfo> find(String idOrArn);

    /**
     * {@code dataKey} wrapped under the key {@code keyId}, binding {@code context}.
     *
     * @throws UnknownKeyException if there is no such key
     */
    byte[] wrap(String keyId, DataKey dataKey, String context);

    /**
     * The data key in {@code wrapped}.
     *
     * @throws UnknownKeyException if there is no such key (any more)
     * @throws IllegalStateException if the key does not open it (damaged catalogue)
     */
    DataKey unwrap(String keyId, byte[] wrapped, String context);

    /** No key of that id: S3 answers KMS.NotFoundException. */
    final class UnknownKeyException extends RuntimeException {
        public UnknownKeyException(String keyId) {
            super("Invalid keyId " + keyId);
        }
    }
}

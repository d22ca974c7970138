package dev.coffer.api.sse;

import dev.coffer.api.config.SecretFiles;
import dev.coffer.storage.DataKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The master key of SSE-S3 (and of the key ring's files): 32 random bytes generated into
 * {@code <data>/sse-master.key} on first start, mode 0600. Losing it loses every SSE-S3 and
 * SSE-KMS object: back it up apart from the data (docs/encryption.md).
 */
public final class MasterKey {
    public static final String FILE = "sse-master.key";

    private MasterKey() {}

    /** The master key of the data directory, generated if absent. */
    public static byte[] loadOrCreate(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE);
        if (Files.exists(file)) {
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length != DataKey.LENGTH) {
                throw new IOException(file + " holds " + bytes.length + " bytes, not a 32-byte master key");
            }
            return bytes;
        }
        byte[] fresh = DataKey.generate().toBytes();
        SecretFiles.writeOwnerOnly(file, fresh);
        return fresh;
    }
}

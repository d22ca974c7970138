package dev.coffer.api.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The root key pair: from configuration when given, else the pair stored in the data directory,
 * else a freshly generated pair that is stored there (owner-only permissions) for the next start.
 */
public record RootCredentials(String accessKey, String secretKey, Source source) {

    public enum Source { CONFIGURED, STORED, GENERATED }

    static final String FILE_NAME = "root-credentials.properties";
    private static final String KEY_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String SECRET_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    public static RootCredentials resolve(CofferProperties props) throws IOException {
        boolean hasKey = !props.accessKey().isBlank();
        boolean hasSecret = !props.secretKey().isBlank();
        if (hasKey != hasSecret) {
            throw new IllegalStateException("set both coffer.access-key and coffer.secret-key, or neither");
        }
        if (hasKey) return new RootCredentials(props.accessKey(), props.secretKey(), Source.CONFIGURED);
        Path file = file(props);
        if (Files.exists(file)) {
            Properties stored = new Properties();
            try (InputStream in = Files.newInputStream(file)) {
                stored.load(in);
            }
            return new RootCredentials(stored.getProperty("access-key"), stored.getProperty("secret-key"), Source.STORED);
        }
        RootCredentials fresh = new RootCredentials(SecretFiles.random(KEY_CHARS, 20), SecretFiles.random(SECRET_CHARS, 40),
                Source.GENERATED);
        fresh.store(file);
        return fresh;
    }

    /** Where a generated pair is kept: {@value #FILE_NAME} in the data directory. */
    public static Path file(CofferProperties props) {
        return props.dataDir().resolve(FILE_NAME);
    }

    private void store(Path file) throws IOException {
        Properties p = new Properties();
        p.setProperty("access-key", accessKey);
        p.setProperty("secret-key", secretKey);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        p.store(out, "Coffer root credentials, generated at first start");
        SecretFiles.writeOwnerOnly(file, out.toByteArray());
    }

    @Override
    public String toString() {
        return "RootCredentials[" + accessKey + ", secret hidden, " + source + "]";
    }
}

package dev.coffer.api.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
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
        Path file = props.dataDir().resolve(FILE_NAME);
        if (Files.exists(file)) {
            Properties stored = new Properties();
            try (InputStream in = Files.newInputStream(file)) {
                stored.load(in);
            }
            return new RootCredentials(stored.getProperty("access-key"), stored.getProperty("secret-key"), Source.STORED);
        }
        RootCredentials fresh = new RootCredentials(random(KEY_CHARS, 20), random(SECRET_CHARS, 40), Source.GENERATED);
        fresh.store(file);
        return fresh;
    }

    private void store(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(tmp);
        }
        Properties p = new Properties();
        p.setProperty("access-key", accessKey);
        p.setProperty("secret-key", secretKey);
        try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE, StandardOpenOption.SYNC)) {
            p.store(out, "Coffer root credentials, generated at first start");
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static String random(String alphabet, int length) {
        SecureRandom rnd = new SecureRandom();
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
        return sb.toString();
    }

    @Override
    public String toString() {
        return "RootCredentials[" + accessKey + ", secret hidden, " + source + "]";
    }
}

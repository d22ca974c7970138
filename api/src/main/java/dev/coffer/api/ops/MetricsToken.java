package dev.coffer.api.ops;

import dev.coffer.api.config.SecretFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bearer token a Prometheus scrape sends: the configured {@code coffer.metrics.token}, else
 * the token generated at first start and kept in {@value #FILE_NAME} in the data directory (beside
 * the root credentials, owner-only), which Prometheus reads with {@code credentials_file}.
 */
public final class MetricsToken {
    public static final String FILE_NAME = "metrics-token";
    private static final Logger log = LoggerFactory.getLogger(MetricsToken.class);
    /** 43 characters of the URL-safe base64 alphabet: 258 bits. */
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private static final int LENGTH = 43;

    private MetricsToken() {}

    /** The token a scrape must present, or null when {@code coffer.metrics.public} opens the metrics. */
    public static String resolve(MetricsProperties props, Path dataDir) throws IOException {
        if (props.open()) return null;
        if (!props.token().isBlank()) return props.token().trim();
        Path file = dataDir.resolve(FILE_NAME);
        if (Files.exists(file)) {
            String stored = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (!stored.isEmpty()) return stored;
        }
        String fresh = SecretFiles.random(ALPHABET, LENGTH);
        SecretFiles.writeOwnerOnly(file, fresh.getBytes(StandardCharsets.UTF_8));
        log.info("Generated the metrics bearer token in {}", file.toAbsolutePath().normalize());
        return fresh;
    }
}

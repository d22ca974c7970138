package dev.coffer.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.compat.ops.CofferProcess;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated root secret reaches the console (and so the logs that keep it) once: on the start
 * that generates it. The real jar, started twice on one data directory as an operator would; the
 * second start names the access key and the file that holds the secret, never the secret.
 */
class RootSecretShownOnceIT {
    @TempDir
    Path dir;

    @Test
    void theSecretIsPrintedOnTheFirstStartOnlyAndLaterStartsSayWhereItIs() throws Exception {
        Path data = dir.resolve("data");
        Path credentials = data.resolve("root-credentials.properties");
        Map<String, String> env = Map.of("COFFER_DATA_DIR", data.toString());

        String first = runOnce(env, dir.resolve("first.log"));
        Properties stored = new Properties();
        try (InputStream in = Files.newInputStream(credentials)) {
            stored.load(in);
        }
        String accessKey = stored.getProperty("access-key");
        String secretKey = stored.getProperty("secret-key");
        assertThat(secretKey).hasSize(40);
        assertThat(first).contains("access key: " + accessKey, "secret key: " + secretKey,
                "AWS_SECRET_ACCESS_KEY=" + secretKey);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("metrics-token"))))
                .isEqualTo("rw-------");

        String second = runOnce(env, dir.resolve("second.log"));
        assertThat(second).contains("root access key: " + accessKey,
                "root secret key: stored in " + credentials.toAbsolutePath().normalize());
        assertThat(second).doesNotContain(secretKey);
        assertThat(first).doesNotContain(Files.readString(data.resolve("metrics-token")));
    }

    /** Starts the jar, waits until it is ready, stops it with SIGTERM; returns what it printed. */
    private static String runOnce(Map<String, String> env, Path log) throws Exception {
        try (CofferProcess coffer = CofferProcess.start(env, log)) {
            coffer.terminate();
            assertThat(coffer.awaitExit(Duration.ofSeconds(60))).isTrue();
            return coffer.log();
        }
    }
}

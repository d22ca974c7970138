package dev.coffer.api.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsTokenTest {
    @TempDir
    Path dataDir;

    private static MetricsProperties props(boolean open, String token) {
        return new MetricsProperties(open, token, Duration.ofSeconds(60));
    }

    @Test
    void firstStartGeneratesAnOwnerOnlyTokenFileThatLaterStartsReuse() throws Exception {
        String first = MetricsToken.resolve(props(false, ""), dataDir);
        Path file = dataDir.resolve(MetricsToken.FILE_NAME);
        assertThat(first).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(Files.readString(file)).isEqualTo(first);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(MetricsToken.resolve(props(false, ""), dataDir)).isEqualTo(first);
    }

    @Test
    void aConfiguredTokenWinsAndWritesNoFile() throws Exception {
        assertThat(MetricsToken.resolve(props(false, " mine "), dataDir)).isEqualTo("mine");
        assertThat(dataDir.resolve(MetricsToken.FILE_NAME)).doesNotExist();
    }

    @Test
    void publicMetricsNeedNoToken() throws Exception {
        assertThat(MetricsToken.resolve(props(true, ""), dataDir)).isNull();
        assertThat(dataDir.resolve(MetricsToken.FILE_NAME)).doesNotExist();
    }
}

package dev.coffer.api.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableDirectoriesTest {
    @TempDir
    Path tmp;

    private static String mode(Path dir) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(dir));
    }

    // Object bytes (chunks, small objects inline in the catalogue) are not encrypted by default:
    // another account on the machine must not be able to read them from the disk.
    @Test
    void aDataDirectoryCreatedOnFirstStartIsTheOwnersOnly() throws Exception {
        Path data = tmp.resolve("srv/coffer/data");
        DurableDirectories.create(data);
        assertThat(Files.isDirectory(data)).isTrue();
        assertThat(mode(data)).isEqualTo("rwx------");
    }

    // The first start's first write may be a secret (the root key pair, the metrics token), not a store.
    @Test
    void aSecretWrittenFirstCreatesTheDataDirectoryOwnerOnlyToo() throws Exception {
        Path data = tmp.resolve("fresh/data");
        SecretFiles.writeOwnerOnly(data.resolve("metrics-token"), new byte[] {1});
        assertThat(mode(data)).isEqualTo("rwx------");
    }

    @Test
    void anExistingDataDirectoryKeepsTheModeItsOperatorGaveIt() throws Exception {
        Path data = Files.createDirectory(tmp.resolve("data"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-x---")));
        DurableDirectories.create(data);
        assertThat(mode(data)).isEqualTo("rwxr-x---");
    }
}

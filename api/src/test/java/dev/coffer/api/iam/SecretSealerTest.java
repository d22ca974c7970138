package dev.coffer.api.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretSealerTest {
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    @TempDir
    Path dataDir;

    @Test
    void aSealedSecretOpensForItsKeyIdAfterARestartAndHoldsNoClearText() throws Exception {
        byte[] sealed = SecretSealer.open(dataDir).seal("AKIAONE", SECRET);
        assertFalse(new String(sealed, StandardCharsets.ISO_8859_1).contains(SECRET));
        assertEquals(SECRET, SecretSealer.open(dataDir).open("AKIAONE", sealed), "the key file is reused");
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dataDir.resolve(SecretSealer.FILE_NAME))));
    }

    @Test
    void aSealedSecretDoesNotOpenForAnotherKeyIdOrAnotherDataDirectoryOrWhenAltered(@TempDir Path other) throws Exception {
        SecretSealer sealer = SecretSealer.open(dataDir);
        byte[] sealed = sealer.seal("AKIAONE", SECRET);
        assertThrows(IllegalStateException.class, () -> sealer.open("AKIATWO", sealed));
        assertThrows(IllegalStateException.class, () -> SecretSealer.open(other).open("AKIAONE", sealed));
        byte[] altered = Arrays.copyOf(sealed, sealed.length);
        altered[altered.length - 1] ^= 1;
        assertThrows(IllegalStateException.class, () -> sealer.open("AKIAONE", altered));
    }

    @Test
    void sealingTwiceGivesTwoCiphertexts() throws Exception {
        SecretSealer sealer = SecretSealer.open(dataDir);
        assertNotEquals(Arrays.toString(sealer.seal("AKIAONE", SECRET)), Arrays.toString(sealer.seal("AKIAONE", SECRET)));
    }
}

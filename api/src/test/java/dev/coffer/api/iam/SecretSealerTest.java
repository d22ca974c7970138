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
    private static final String ROOT = "rootSecretSharedByEveryNodeOfTheCluster0";

    @TempDir
    Path dataDir;

    @Test
    void aSealedSecretOpensForItsKeyIdAfterARestartAndHoldsNoClearText() throws Exception {
        byte[] sealed = SecretSealer.single(dataDir, ROOT).seal("AKIAONE", SECRET);
        assertFalse(new String(sealed, StandardCharsets.ISO_8859_1).contains(SECRET));
        assertEquals(SECRET, SecretSealer.single(dataDir, ROOT).open("AKIAONE", sealed), "the key file is reused");
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dataDir.resolve(SecretSealer.FILE_NAME))));
    }

    @Test
    void aSingleNodesSecretDoesNotOpenForAnotherKeyIdOrAnotherDataDirectoryOrWhenAltered(@TempDir Path other) throws Exception {
        SecretSealer sealer = SecretSealer.single(dataDir, ROOT);
        byte[] sealed = sealer.seal("AKIAONE", SECRET);
        assertThrows(IllegalStateException.class, () -> sealer.open("AKIATWO", sealed));
        assertThrows(IllegalStateException.class, () -> SecretSealer.single(other, ROOT).open("AKIAONE", sealed));
        assertThrows(IllegalStateException.class, () -> SecretSealer.shared(other, ROOT).open("AKIAONE", sealed));
        byte[] altered = Arrays.copyOf(sealed, sealed.length);
        altered[altered.length - 1] ^= 1;
        assertThrows(IllegalStateException.class, () -> sealer.open("AKIAONE", altered));
    }

    @Test
    void aSecretSealedOnOneClusterNodeOpensOnEveryNodeThatSharesTheRootSecret(
            @TempDir Path node2, @TempDir Path node3) throws Exception {
        byte[] sealed = SecretSealer.shared(dataDir, ROOT).seal("AKIAONE", SECRET);
        assertFalse(Files.exists(dataDir.resolve(SecretSealer.FILE_NAME)), "a cluster node makes no key file");
        assertEquals(SECRET, SecretSealer.shared(node2, ROOT).open("AKIAONE", sealed));
        assertEquals(SECRET, SecretSealer.shared(node3, ROOT).open("AKIAONE", sealed));
        assertEquals(SECRET, SecretSealer.single(node3, ROOT).open("AKIAONE", sealed), "a single node opens it too");
        assertThrows(IllegalStateException.class, () -> SecretSealer.shared(node2, ROOT + "x").open("AKIAONE", sealed));
        assertThrows(IllegalStateException.class, () -> SecretSealer.shared(node2, ROOT).open("AKIATWO", sealed));
    }

    @Test
    void aFormerSingleNodesKeyFileStillOpensItsSecretsOnceItIsAClusterNode() throws Exception {
        byte[] before = SecretSealer.single(dataDir, ROOT).seal("AKIAOLD", SECRET);
        SecretSealer clusterNode = SecretSealer.shared(dataDir, ROOT);
        assertEquals(SECRET, clusterNode.open("AKIAOLD", before));
        byte[] after = clusterNode.seal("AKIANEW", SECRET);
        assertEquals(SecretSealer.SHARED_FORMAT, after[0], "new secrets are sealed under the shared key");
    }

    @Test
    void sealingTwiceGivesTwoCiphertexts() throws Exception {
        SecretSealer sealer = SecretSealer.single(dataDir, ROOT);
        assertNotEquals(Arrays.toString(sealer.seal("AKIAONE", SECRET)), Arrays.toString(sealer.seal("AKIAONE", SECRET)));
    }
}

package dev.coffer.cluster;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Loading the Raft port's TLS stores: what an operator sees when one is wrong. */
class ClusterTlsTest {
    @Test
    void theStoresTheRecipeMakesLoadAsMutualTls() throws Exception {
        assertTrue(TestCertificates.tls().grpc().getMtlsEnabled());
    }

    @Test
    void aMissingKeyStoreIsNamedWithItsSetting() throws Exception {
        Path dir = TestCertificates.dir();
        String message = assertThrows(IllegalArgumentException.class, () -> ClusterTls.load(dir.resolve("nope.p12"),
                dir.resolve("trust.p12"), TestCertificates.PASSWORD.toCharArray())).getMessage();
        assertTrue(message.contains("coffer.cluster.tls.key-store") && message.contains("nope.p12"), message);
    }

    @Test
    void aWrongPasswordIsSaidToBeTheProblem() throws Exception {
        Path dir = TestCertificates.dir();
        String message = assertThrows(IllegalArgumentException.class, () -> ClusterTls.load(dir.resolve("node.p12"),
                dir.resolve("trust.p12"), "wrong-password".toCharArray())).getMessage();
        assertTrue(message.contains("coffer.cluster.tls.password"), message);
    }

    @Test
    void aTrustStoreGivenAsTheKeyStoreIsRefusedForHoldingNoKey() throws Exception {
        Path dir = TestCertificates.dir();
        String message = assertThrows(IllegalArgumentException.class, () -> ClusterTls.load(dir.resolve("trust.p12"),
                dir.resolve("trust.p12"), TestCertificates.PASSWORD.toCharArray())).getMessage();
        assertTrue(message.contains("holds no private key"), message);
    }
}

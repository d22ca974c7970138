package dev.coffer.api.cluster;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class NodeAuthTest {
    private static final String PATH = "/_coffer/chunks/0123456789abcdef0123456789abcdef";

    private static NodeAuth at(String secret, long seconds) {
        return new NodeAuth(secret, Clock.fixed(Instant.ofEpochSecond(seconds), ZoneOffset.UTC));
    }

    @Test
    void aSignatureHoldsForItsMethodPathAndSecretWithinFiveMinutesOnly() {
        String header = at("root-secret", 1_000_000).sign("PUT", PATH);
        assertTrue(at("root-secret", 1_000_000 + 299).verify("PUT", PATH, header));
        assertFalse(at("root-secret", 1_000_000 + 301).verify("PUT", PATH, header), "too old");
        assertFalse(at("root-secret", 1_000_000).verify("GET", PATH, header), "another method");
        assertFalse(at("root-secret", 1_000_000).verify("PUT", PATH.replace('f', 'e'), header), "another chunk");
        assertFalse(at("another-secret", 1_000_000).verify("PUT", PATH, header), "another cluster's key");
        assertFalse(at("root-secret", 1_000_000).verify("PUT", PATH, null));
        assertFalse(at("root-secret", 1_000_000).verify("PUT", PATH, "1000000:zz"));
    }
}

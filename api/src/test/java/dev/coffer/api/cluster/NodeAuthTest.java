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
    void aSignatureHoldsForItsNodeMethodPathAndSecretWithinFiveMinutesOnly() {
        String header = at("root-secret", 1_000_000).sign("PUT", "n2", PATH, null);
        assertTrue(at("root-secret", 1_000_000 + 299).verify("PUT", "n2", PATH, null, header));
        assertFalse(at("root-secret", 1_000_000 + 301).verify("PUT", "n2", PATH, null, header), "too old");
        assertFalse(at("root-secret", 1_000_000).verify("GET", "n2", PATH, null, header), "another method");
        assertFalse(at("root-secret", 1_000_000).verify("PUT", "n2", PATH.replace('f', 'e'), null, header), "another chunk");
        assertFalse(at("another-secret", 1_000_000).verify("PUT", "n2", PATH, null, header), "another cluster's key");
        assertFalse(at("root-secret", 1_000_000).verify("PUT", "n3", PATH, null, header), "another node");
        assertFalse(at("root-secret", 1_000_000).verify("PUT", "n2", PATH, null, null));
        assertFalse(at("root-secret", 1_000_000).verify("PUT", "n2", PATH, null, "1000000:zz"));
    }

    @Test
    void aSignatureHoldsForItsRangeOnly() {
        NodeAuth auth = at("root-secret", 1_000_000);
        String header = auth.sign("GET", "n2", PATH, "bytes=0-1048575");
        assertTrue(auth.verify("GET", "n2", PATH, "bytes=0-1048575", header));
        assertFalse(auth.verify("GET", "n2", PATH, "bytes=1048576-2097151", header), "another range");
        assertFalse(auth.verify("GET", "n2", PATH, null, header), "no range");
        assertFalse(auth.verify("GET", "n2", PATH, "bytes=0-1048575", auth.sign("GET", "n2", PATH, null)), "a range added");
    }
}

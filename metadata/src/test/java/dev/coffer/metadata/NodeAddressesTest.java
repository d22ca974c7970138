package dev.coffer.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cluster nodes' announced S3 addresses (kind 72) survive a reopen and go when removed. */
class NodeAddressesTest {
    @TempDir
    Path dir;

    @Test
    void anAnnouncedAddressIsReadBackReplacedAndRemoved() {
        try (Catalog catalog = Catalog.open(dir, true)) {
            catalog.nodeAddresses().set("n4", "127.0.0.1:9004");
            catalog.nodeAddresses().set("n2", "127.0.0.1:9002");
            catalog.nodeAddresses().set("n4", "10.0.0.4:9000");
        }
        try (Catalog catalog = Catalog.open(dir, true)) {
            assertEquals(Map.of("n2", "127.0.0.1:9002", "n4", "10.0.0.4:9000"), catalog.nodeAddresses().all());
            catalog.nodeAddresses().set("n2", null);
            assertEquals(Optional.empty(), catalog.nodeAddresses().of("n2"));
            assertEquals(Optional.of("10.0.0.4:9000"), catalog.nodeAddresses().of("n4"));
        }
    }
}

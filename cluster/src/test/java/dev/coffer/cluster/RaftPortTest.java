package dev.coffer.cluster;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coffer.metadata.Catalog;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the Raft port listens (a taken port: CatalogGroupTest). */
class RaftPortTest {
    static {
        ThreeNodes.class.getName(); // Ratis's System.exit becomes an exception in this JVM (ThreeNodes)
    }

    @TempDir
    Path dir;

    /** With a bind address the port listens there only: another loopback address (127.0.0.2) is refused. */
    @Test
    void theRaftPortListensOnTheBindAddressOnly() throws Exception {
        int port = ThreeNodes.freePort();
        try (Catalog catalog = Catalog.open(dir.resolve("catalog"), true);
             ClusterNode node = ClusterNode.start(config(port, "127.0.0.1"), catalog)) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            }
            assertThrows(ConnectException.class, () -> {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.2", port), 10_000);
                }
            });
            assertTrue(node.nodeId().equals("n1"));
        }
    }

    private ClusterConfig config(int port, String bindHost) throws IOException {
        return new ClusterConfig("n1", Map.of("n1", "127.0.0.1:" + port), dir.resolve("cluster"), 10_000, 8L << 20, false,
                ThreeNodes.SECRET, Duration.ofSeconds(20), TestCertificates.tls(), bindHost);
    }
}

package dev.coffer.cluster;

import dev.coffer.metadata.Catalog;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Ratis groups of real catalogues in one JVM, on loopback ports, for tests. */
final class ThreeNodes implements AutoCloseable {
    final Path dir;
    final Map<String, String> peers = new LinkedHashMap<>();
    final Map<String, Catalog> catalogs = new LinkedHashMap<>();
    final Map<String, ClusterNode> nodes = new LinkedHashMap<>();
    final long snapshotEvery;
    final long segmentBytes;

    ThreeNodes(Path dir, int n, long snapshotEvery, long segmentBytes) throws IOException {
        this.dir = dir;
        this.snapshotEvery = snapshotEvery;
        this.segmentBytes = segmentBytes;
        for (int i = 1; i <= n; i++) {
            peers.put("n" + i, "127.0.0.1:" + freePort());
        }
        for (String id : new ArrayList<>(peers.keySet())) {
            start(id, false);
        }
    }

    ClusterNode start(String id, boolean join) throws IOException {
        Catalog catalog = Catalog.open(dir.resolve(id).resolve("catalog"), true);
        ClusterNode node = ClusterNode.start(
                new ClusterConfig(id, peers, dir.resolve(id).resolve("cluster"), snapshotEvery, segmentBytes, join), catalog);
        catalogs.put(id, catalog);
        nodes.put(id, node);
        return node;
    }

    void stop(String id) throws IOException {
        nodes.remove(id).close();
        catalogs.remove(id).close();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** The leader every running node names, once they agree (within 60 s). */
    String awaitLeader() throws InterruptedException {
        long end = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < end) {
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (ClusterNode node : nodes.values()) {
                seen.add(node.leader().orElse(""));
            }
            if (seen.size() == 1 && !seen.contains("")) {
                return seen.iterator().next();
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("no leader agreed within 60 s");
    }

    List<String> ids() {
        return new ArrayList<>(nodes.keySet());
    }

    @Override
    public void close() {
        for (String id : ids()) {
            try {
                stop(id);
            } catch (IOException | RuntimeException e) {
                // keep closing the others
            }
        }
    }
}

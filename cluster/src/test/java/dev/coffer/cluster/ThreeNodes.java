package dev.coffer.cluster;

import dev.coffer.metadata.Catalog;
import java.io.IOException;
import java.net.BindException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.util.ExitUtils;

/**
 * Ratis groups of real catalogues in one JVM, on loopback ports, for tests. Ratis ends the JVM
 * (System.exit(1)) when its gRPC server cannot bind its port; here that is an {@link
 * ExitUtils.ExitException} thrown by {@link #start} instead, and any other exit Ratis asked for
 * fails {@link #close}, so a test fails with the cause rather than killing the surefire fork.
 */
final class ThreeNodes implements AutoCloseable {
    static {
        ExitUtils.disableSystemExit();
    }

    /** Ports handed out in this JVM: a stopped node keeps its port for its restart. */
    private static final Set<Integer> USED_PORTS = new HashSet<>();

    /** The root secret the test members share. */
    static final String SECRET = "three-nodes-shared-secret";
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
        ClusterNode node;
        try {
            node = ClusterNode.start(
                    new ClusterConfig(id, peers, dir.resolve(id).resolve("cluster"), snapshotEvery, segmentBytes, join, SECRET,
                            java.time.Duration.ofSeconds(20), TestCertificates.tls(), "127.0.0.1"),
                    catalog);
        } catch (IOException | RuntimeException e) {
            catalog.close();
            throw e;
        }
        catalogs.put(id, catalog);
        nodes.put(id, node);
        return node;
    }

    void stop(String id) throws IOException {
        nodes.remove(id).close();
        catalogs.remove(id).close();
    }

    /**
     * A port free now, below the kernel's ephemeral range and never handed out before in this JVM.
     * A node is stopped and restarted on its port (its address is in the group's configuration);
     * a port from the ephemeral range (what {@code new ServerSocket(0)} gives) could meanwhile be
     * given to any connect() on the machine, as its local port, and the restart could not bind it.
     */
    static synchronized int freePort() throws IOException {
        int below = ephemeralLow();
        for (int tries = 0; tries < 200; tries++) {
            int port = LOW_PORT + ThreadLocalRandom.current().nextInt(below - LOW_PORT);
            if (USED_PORTS.contains(port)) continue;
            try (ServerSocket s = new ServerSocket(port)) {
                USED_PORTS.add(port);
                return port;
            } catch (BindException e) {
                // taken: try another
            }
        }
        throw new IOException("no free port between " + LOW_PORT + " and " + below);
    }

    /** Test ports start here: above the ports people and services pick by hand (9xxx, 8xxx). */
    private static final int LOW_PORT = 20_000;

    /** The first port of Linux's ephemeral range (ip_local_port_range), 32768 by default. */
    private static int ephemeralLow() throws IOException {
        Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        // readAllLines: Files.readString gives the first byte only of this /proc file (size 0)
        int low = Files.isReadable(range) ? Integer.parseInt(Files.readAllLines(range).get(0).trim().split("\\s+")[0])
                : 32_768;
        if (low <= LOW_PORT + 1000) {
            throw new IOException("the ephemeral port range starts at " + low + ", below the tests' ports");
        }
        return low;
    }

    /** The leader every running node names, once they agree (within 60 s). */
    String awaitLeader() throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
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

    /**
     * Closes every node, all at once (a Ratis server takes about a second to close); fails if Ratis
     * asked to end the JVM meanwhile (on whatever thread).
     */
    @Override
    public void close() {
        List<Thread> closing = new ArrayList<>();
        for (String id : ids()) {
            ClusterNode node = nodes.remove(id);
            Catalog catalog = catalogs.remove(id);
            Thread t = new Thread(() -> {
                try (catalog) {
                    node.close();
                } catch (IOException | RuntimeException e) {
                    // keep closing the others
                }
            }, "close-" + id);
            t.start();
            closing.add(t);
        }
        for (Thread t : closing) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(60));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the nodes closed", e);
            }
        }
        ExitUtils.ExitException exit = ExitUtils.getFirstExitException();
        ExitUtils.clear();
        if (exit != null) {
            throw new AssertionError("Ratis asked to end the JVM: " + exit.getMessage(), exit);
        }
    }
}

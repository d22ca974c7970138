package dev.coffer.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Throw-away certificates for tests, made once per JVM by the documented recipe
 * (scripts/cluster-certs.sh, keytool): a CA, and one node certificate for 127.0.0.1 that every
 * test member shares (they all listen on loopback). In the test jar: api's chunk transfer tests use
 * them too.
 */
public final class TestCertificates {
    public static final String PASSWORD = "test-cluster-tls";
    private static Path dir;

    private TestCertificates() {
    }

    /** The directory holding ca.p12, trust.p12 and node.p12. */
    public static synchronized Path dir() throws IOException {
        if (dir == null) {
            Path made = Files.createTempDirectory("coffer-cluster-certs-");
            run(made, "node", "ip:127.0.0.1,dns:localhost");
            dir = made;
        }
        return dir;
    }

    public static ClusterTls tls() throws IOException {
        Path d = dir();
        return ClusterTls.load(d.resolve("node.p12"), d.resolve("trust.p12"), PASSWORD.toCharArray());
    }

    /** Runs scripts/cluster-certs.sh DIR ARGS… with the test password. */
    public static void run(Path into, String... idSan) throws IOException {
        Path script = Path.of("..", "scripts", "cluster-certs.sh").toAbsolutePath().normalize();
        List<String> command = new java.util.ArrayList<>(List.of("bash", script.toString(), into.toString()));
        command.addAll(List.of(idSan));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("COFFER_CLUSTER_TLS_PASSWORD", PASSWORD);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException("cluster-certs.sh failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while making certificates", e);
        }
    }
}

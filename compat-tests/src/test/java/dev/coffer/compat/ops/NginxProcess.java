package dev.coffer.compat.ops;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import dev.coffer.compat.support.Tools;

/**
 * Debian's real nginx running the repository's docker/nginx.conf, rewritten only where the
 * container and this machine differ: the upstreams (coffer:9000 and the drive's coffer:9001 →
 * 127.0.0.1:port), the listen addresses (free loopback ports), the pid file and temp directories
 * (a temp prefix).
 */
public final class NginxProcess implements AutoCloseable {
    private static final Path CONF = Path.of("..", "docker", "nginx.conf");
    private static final Path CLUSTER_CONF = Path.of("..", "docker", "nginx-cluster.conf");

    private final Process process;
    private final int port;
    private final int drivePort;
    private final Path prefix;

    private NginxProcess(Process process, int port, int drivePort, Path prefix) {
        this.process = process;
        this.port = port;
        this.drivePort = drivePort;
        this.prefix = prefix;
    }

    /** Debian's nginx binary; skips the calling test where it is missing, or fails it under CI=true ({@link Tools}). */
    public static Path binary() {
        Path debian = Path.of("/usr/sbin/nginx");
        Tools.require(Files.isExecutable(debian), "nginx at " + debian, "apt-get install nginx");
        return debian;
    }

    /**
     * The repository's nginx.conf with the upstreams at {@code upstreamPort} (S3) and
     * {@code driveUpstreamPort} (the drive), nginx on {@code listenPort} and {@code driveListenPort}.
     */
    public static String localConf(String conf, int upstreamPort, int listenPort, int driveUpstreamPort,
                                   int driveListenPort, Path prefix) {
        String temp = "    client_body_temp_path " + prefix.resolve("body") + ";\n"
                + "    proxy_temp_path " + prefix.resolve("proxy") + ";\n"
                + "    fastcgi_temp_path " + prefix.resolve("fastcgi") + ";\n"
                + "    uwsgi_temp_path " + prefix.resolve("uwsgi") + ";\n"
                + "    scgi_temp_path " + prefix.resolve("scgi") + ";\n";
        String out = conf
                .replace("server coffer:9000;", "server 127.0.0.1:" + upstreamPort + ";")
                .replace("server coffer:9000 ", "server 127.0.0.1:" + upstreamPort + " ")
                .replace("server coffer:9001 ", "server 127.0.0.1:" + driveUpstreamPort + " ")
                .replace("listen 9000 default_server;", "listen 127.0.0.1:" + listenPort + " default_server;")
                .replace("listen [::]:9000 default_server;", "")
                .replace("server coffer:9001;", "server 127.0.0.1:" + driveUpstreamPort + ";")
                .replace("listen 9001;", "listen 127.0.0.1:" + driveListenPort + ";")
                .replace("listen [::]:9001;", "")
                .replace("pid /var/run/nginx.pid;", "pid " + prefix.resolve("nginx.pid") + ";")
                .replace("http {\n", "http {\n" + temp);
        if (out.contains("server coffer:9000") || !out.contains("server 127.0.0.1:" + upstreamPort)
                || out.contains("coffer:9001") || out.contains("listen 9001")) {
            throw new IllegalStateException("docker/nginx.conf no longer has the upstream line this test rewrites");
        }
        return out;
    }

    /** nginx in front of Coffer's S3 port and drive port, on two free loopback ports ({@link #port()}, {@link #drivePort()}). */
    public static NginxProcess start(int upstreamPort, int driveUpstreamPort) throws IOException, InterruptedException {
        binary();
        Path prefix = Files.createTempDirectory("coffer-nginx-");
        int port = FreePort.next();
        int drivePort = FreePort.next();
        return launch(prefix, localConf(Files.readString(CONF), upstreamPort, port, driveUpstreamPort, drivePort, prefix),
                port, drivePort);
    }

    /**
     * docker/nginx-cluster.conf in front of cluster nodes whose S3 ports are {@code nodePorts} (node
     * {@code i} is compose's {@code coffer<i>}), rewritten as {@link #localConf} does; the drive's
     * upstreams point at ports nothing listens on (the nodes run without the drive).
     */
    public static NginxProcess startCluster(List<Integer> nodePorts) throws IOException, InterruptedException {
        binary();
        Path prefix = Files.createTempDirectory("coffer-nginx-cluster-");
        int port = FreePort.next();
        int drivePort = FreePort.next();
        String conf = localConf(Files.readString(CLUSTER_CONF).replace("server coffer1:9000 ", "server coffer:9000 ")
                .replace("server coffer1:9001 ", "server coffer:9001 "), nodePorts.get(0), port, FreePort.next(), drivePort, prefix);
        for (int i = 2; i <= nodePorts.size(); i++) {
            String node = "server coffer" + i + ":9000 ";
            if (!conf.contains(node)) throw new IllegalStateException("docker/nginx-cluster.conf has no " + node);
            conf = conf.replace(node, "server 127.0.0.1:" + nodePorts.get(i - 1) + " ")
                    .replace("server coffer" + i + ":9001 ", "server 127.0.0.1:" + FreePort.next() + " ");
        }
        if (conf.matches("(?s).*server coffer\\d*:900.*")) {
            throw new IllegalStateException("docker/nginx-cluster.conf names more nodes than the cluster has");
        }
        return launch(prefix, conf, port, drivePort);
    }

    private static NginxProcess launch(Path prefix, String text, int port, int drivePort) throws IOException, InterruptedException {
        Path nginx = binary();
        Path conf = prefix.resolve("nginx.conf");
        Files.writeString(conf, text);
        Process process = new ProcessBuilder(List.of(nginx.toString(), "-p", prefix.toString(), "-c", conf.toString(),
                "-g", "daemon off;"))
                .redirectErrorStream(true)
                .redirectOutput(prefix.resolve("nginx.out").toFile())
                .start();
        NginxProcess started = new NginxProcess(process, port, drivePort, prefix);
        for (int i = 0; i < 100; i++) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx exited: " + started.output());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return started;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        started.close();
        throw new IllegalStateException("nginx did not listen on " + port);
    }

    public int port() {
        return port;
    }

    /** Where nginx serves the drive (the compose file's 9001). */
    public int drivePort() {
        return drivePort;
    }

    /** What nginx wrote (its access and error log go to stdout/stderr, as in the container). */
    public String output() throws IOException {
        return Files.readString(prefix.resolve("nginx.out"));
    }

    /** Stops nginx (SIGTERM, then SIGKILL after 10 s) and removes its temp prefix. */
    @Override
    public void close() throws InterruptedException, IOException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        try (Stream<Path> paths = Files.walk(prefix)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}

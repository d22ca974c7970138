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
 * container and this machine differ: the upstream (coffer:9000 → 127.0.0.1:port), the listen
 * address (a free loopback port), the pid file and temp directories (a temp prefix).
 */
public final class NginxProcess implements AutoCloseable {
    private static final Path CONF = Path.of("..", "docker", "nginx.conf");

    private final Process process;
    private final int port;
    private final Path prefix;

    private NginxProcess(Process process, int port, Path prefix) {
        this.process = process;
        this.port = port;
        this.prefix = prefix;
    }

    /** Debian's nginx binary; skips the calling test where it is missing, or fails it under CI=true ({@link Tools}). */
    public static Path binary() {
        Path debian = Path.of("/usr/sbin/nginx");
        Tools.require(Files.isExecutable(debian), "nginx at " + debian, "apt-get install nginx");
        return debian;
    }

    /** The repository's nginx.conf with the upstream at {@code upstreamPort} and nginx on {@code listenPort}. */
    public static String localConf(String conf, int upstreamPort, int listenPort, Path prefix) {
        String temp = "    client_body_temp_path " + prefix.resolve("body") + ";\n"
                + "    proxy_temp_path " + prefix.resolve("proxy") + ";\n"
                + "    fastcgi_temp_path " + prefix.resolve("fastcgi") + ";\n"
                + "    uwsgi_temp_path " + prefix.resolve("uwsgi") + ";\n"
                + "    scgi_temp_path " + prefix.resolve("scgi") + ";\n";
        String out = conf
                .replace("server coffer:9000;", "server 127.0.0.1:" + upstreamPort + ";")
                .replace("listen 9000 default_server;", "listen 127.0.0.1:" + listenPort + " default_server;")
                .replace("listen [::]:9000 default_server;", "")
                .replace("pid /var/run/nginx.pid;", "pid " + prefix.resolve("nginx.pid") + ";")
                .replace("http {\n", "http {\n" + temp);
        if (out.contains("server coffer:9000;") || !out.contains("server 127.0.0.1:" + upstreamPort + ";")) {
            throw new IllegalStateException("docker/nginx.conf no longer has the upstream line this test rewrites");
        }
        return out;
    }

    public static NginxProcess start(int upstreamPort) throws IOException, InterruptedException {
        Path nginx = binary();
        Path prefix = Files.createTempDirectory("coffer-nginx-");
        int port = FreePort.next();
        Path conf = prefix.resolve("nginx.conf");
        Files.writeString(conf, localConf(Files.readString(CONF), upstreamPort, port, prefix));
        Process process = new ProcessBuilder(List.of(nginx.toString(), "-p", prefix.toString(), "-c", conf.toString(),
                "-g", "daemon off;"))
                .redirectErrorStream(true)
                .redirectOutput(prefix.resolve("nginx.out").toFile())
                .start();
        NginxProcess started = new NginxProcess(process, port, prefix);
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

package dev.coffer.compat.crash;

import dev.coffer.compat.ops.FreePort;
import dev.coffer.compat.support.CofferServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code java -jar coffer-exec.jar} in its own process on a loopback port, over a data directory
 * that outlives it, and stopped the hard way: {@link #killNow()} is SIGKILL (on Linux,
 * {@code Process.destroyForcibly}), so no shutdown hook, no graceful phase, no close runs.
 */
public final class KillableServer implements AutoCloseable {
    /** Built by the reactor's package phase, which precedes failsafe; relative to the compat-tests module. */
    public static final Path JAR = Path.of("..", "api", "target", "coffer-exec.jar");
    /** Small chunks, so that a few-MiB object spans several chunk files. */
    public static final int MAX_CHUNK_SIZE = 1024 * 1024;
    /** The server's default: bodies up to this size live in the metadata record, larger ones in chunks. */
    public static final int INLINE_THRESHOLD = 32 * 1024;

    private final Process process;
    private final int port;

    private KillableServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the server on {@code dataDir}, appending its output to {@code log}, and waits until it is healthy. */
    public static KillableServer start(Path dataDir, Path log) throws IOException, InterruptedException {
        return start(dataDir, log, new String[0]);
    }

    /** As {@link #start(Path, Path)}, with extra settings ({@code --coffer.…=…}) after the usual ones. */
    public static KillableServer start(Path dataDir, Path log, String... settings) throws IOException, InterruptedException {
        int port = FreePort.next();
        List<String> command = new java.util.ArrayList<>(List.of(
                // C1 only: start-up, repeated at every kill, dominates; this test checks recovery, not speed
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-XX:TieredStopAtLevel=1", "-jar", JAR.toString(),
                "--server.address=127.0.0.1",
                "--server.port=" + port,
                "--coffer.ui.port=0",
                "--coffer.data-dir=" + dataDir,
                "--coffer.access-key=" + CofferServer.ACCESS_KEY,
                "--coffer.secret-key=" + CofferServer.SECRET_KEY,
                "--coffer.max-chunk-size=" + MAX_CHUNK_SIZE,
                "--coffer.inline-threshold=" + INLINE_THRESHOLD,
                // superseded chunks go at the collector's next pass, so the chunk count settles quickly
                "--coffer.gc-grace=0s",
                "--coffer.gc-interval=500ms",
                "--logging.level.coffer.access=OFF"));
        command.addAll(List.of(settings));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        KillableServer server = new KillableServer(process, port);
        server.awaitHealthy(log);
        return server;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The SDK's sync client with its default settings (retries included) on this server; the caller closes it. */
    public S3Client client() {
        return S3Client.builder()
                .endpointOverride(endpoint())
                .region(CofferServer.REGION)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(CofferServer.ACCESS_KEY, CofferServer.SECRET_KEY)))
                .forcePathStyle(true)
                .build();
    }

    /** SIGKILL, then waits for the process to be gone. */
    public void killNow() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("coffer survived SIGKILL for 30 s");
        }
    }

    private void awaitHealthy(Path log) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        // 180 s: a start takes 45 s at a load average of 30 on two cores (seen in CrashRecoveryIT)
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("coffer exited at start:\n" + Files.readString(log));
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(endpoint().resolve("/_coffer/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) return;
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        killNow();
        throw new IllegalStateException("coffer did not become healthy in 180 s:\n" + Files.readString(log));
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) killNow();
    }
}

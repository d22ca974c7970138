package dev.coffer.compat.ops;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.coffer.compat.support.CofferServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Coffer as an operator runs it: {@code java -jar api/target/coffer-exec.jar} in its own process,
 * configured by environment variables only (as in the container), stopped with SIGTERM.
 */
public final class CofferProcess implements AutoCloseable {
    /** Built by the reactor's package phase, which precedes failsafe's integration-test. */
    public static final Path JAR = Path.of("..", "api", "target", "coffer-exec.jar");
    /**
     * The jar's event loops stop without Netty's 2 s quiet period once Spring's graceful shutdown
     * has drained every request: in a test that period is only 2 s of each stop. The jar an
     * operator runs keeps it (in-process test servers drop it too, {@link CofferServer}).
     */
    private static final String QUIET_STOP = "-Dreactor.netty.ioShutdownQuietPeriod=0";

    private final Process process;
    private final int port;
    private final int drivePort;
    private final Path log;

    private CofferProcess(Process process, int port, int drivePort, Path log) {
        this.process = process;
        this.port = port;
        this.drivePort = drivePort;
        this.log = log;
    }

    /** Starts the jar with {@code env} added to this environment and waits until /_coffer/health is 200. */
    public static CofferProcess start(Map<String, String> env, Path log) throws IOException, InterruptedException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: run `mvn -DskipTests package` first");
        }
        int port = FreePort.next();
        int drivePort = FreePort.next();
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", QUIET_STOP, "-jar", JAR.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        builder.environment().put("COFFER_PORT", Integer.toString(port));
        builder.environment().put("COFFER_UI_PORT", Integer.toString(drivePort));
        CofferProcess started = new CofferProcess(builder.start(), port, drivePort, log);
        try {
            started.awaitReady();
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            // e.g. the test's timeout interrupted the wait: the caller never gets the process to close
            started.process.destroyForcibly();
            throw e;
        }
        return started;
    }

    /** Waits (90 s at most) until /_coffer/health answers 200; throws if the process exits or is not ready by then. */
    private void awaitReady() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("coffer exited at start:\n" + Files.readString(log));
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(uri("/_coffer/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("coffer did not become ready:\n" + Files.readString(log));
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public int port() {
        return port;
    }

    /** An SDK client (path-style) for this process, signing with the compat suite's keys for {@code region}. */
    public S3Client client(Region region) {
        return S3Client.builder().endpointOverride(uri("")).region(region).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(CofferServer.ACCESS_KEY, CofferServer.SECRET_KEY)))
                .build();
    }

    /** The drive's port (Coffer Drive, the browser UI, on its own origin). */
    public int drivePort() {
        return drivePort;
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    /** SIGTERM (Process.destroy on Unix), as `docker stop` sends. */
    public void terminate() {
        process.destroy();
    }

    /** Waits for the exit; true if the process ended within {@code timeout}. */
    public boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}

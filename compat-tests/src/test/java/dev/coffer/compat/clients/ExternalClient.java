package dev.coffer.compat.clients;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An S3 client program installed on this machine (rclone, s3cmd), run once per call in a scratch
 * directory with a clean environment: no {@code AWS_*} variables (a CA bundle or credentials from
 * the host would change how the client talks to the server), no proxy, and a private HOME so no
 * user configuration file is read.
 */
public final class ExternalClient {

    /** What one run printed and how it ended. */
    public record Run(String command, int exitCode, String stdout, String stderr) {
        /** Asserts exit code 0 and returns standard output. */
        public String ok() {
            assertThat(exitCode).as("exit code of %s%nstdout: %s%nstderr: %s", command, stdout, stderr).isZero();
            return stdout;
        }
    }

    private final String program;
    private final Path workDir;
    private final long timeoutSeconds;
    private final AtomicInteger runs = new AtomicInteger();

    public ExternalClient(String program, Path workDir, long timeoutSeconds) {
        this.program = program;
        this.workDir = workDir;
        this.timeoutSeconds = timeoutSeconds;
    }

    /** Runs the program with {@code args} and asserts that it exits with 0; returns standard output. */
    public String ok(String... args) throws IOException, InterruptedException {
        return run(args).ok();
    }

    /** Runs the program with {@code args} and returns how it ended, whatever the exit code. */
    public Run run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(program);
        command.addAll(Arrays.asList(args));
        String shown = String.join(" ", command);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("RCLONE_") || k.startsWith("S3CMD_")
                || k.toLowerCase(Locale.ROOT).endsWith("_proxy"));
        Path home = Files.createDirectories(workDir.resolve("home"));
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        env.put("XDG_CACHE_HOME", home.resolve(".cache").toString());
        int n = runs.incrementAndGet();
        Path out = workDir.resolve(program + "-" + n + ".out");
        Path err = workDir.resolve(program + "-" + n + ".err");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError(shown + " did not finish in " + timeoutSeconds + " s; stderr so far:\n"
                    + Files.readString(err));
        }
        return new Run(shown, process.exitValue(), Files.readString(out), Files.readString(err));
    }
}

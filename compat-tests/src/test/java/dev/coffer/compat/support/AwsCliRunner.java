package dev.coffer.compat.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The aws CLI's commands run one after another in one Python process ({@code python/aws_runner.py}
 * calls awscli.clidriver.main, as the {@code aws} program does), shared by the test JVM: a command
 * then costs the CLI's own work, not a Python start-up and the CLI's imports (about a second each,
 * 150-odd commands in the ITs). Used only where that process runs the very CLI that {@code aws} on
 * PATH runs (the same awscli version); otherwise {@link #shared()} is empty and {@link AwsCli}
 * starts a process per command, as before.
 */
final class AwsCliRunner {
    private static final Base64.Encoder BASE64 = Base64.getEncoder();
    private static Optional<AwsCliRunner> shared;

    private final Process process;
    private final OutputStream commands;
    private final BufferedReader answers;

    private AwsCliRunner(Process process) {
        this.process = process;
        this.commands = process.getOutputStream();
        this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /**
     * The JVM's runner, started at the first call; empty where it cannot run the same CLI as {@code aws},
     * or with {@code -Dcoffer.awscli.runner=false} (a process per command, as before).
     */
    static synchronized Optional<AwsCliRunner> shared() {
        if (!Boolean.parseBoolean(System.getProperty("coffer.awscli.runner", "true"))) return Optional.empty();
        if (shared == null || shared.filter(r -> !r.process.isAlive()).isPresent()) shared = start();
        return shared;
    }

    private static Optional<AwsCliRunner> start() {
        try {
            String version = awsVersion();
            Path log = Files.createTempFile("aws-runner", ".log");
            ProcessBuilder builder = new ProcessBuilder("python3", script().toString()).redirectError(log.toFile());
            builder.environment().keySet().removeIf(k -> k.startsWith("AWS_")); // as AwsCli gives every command
            Process process = builder.start();
            AwsCliRunner runner = new AwsCliRunner(process);
            String ready = runner.answer(Duration.ofMinutes(2));
            if (ready == null || !ready.equals("ready " + version)) {
                process.destroyForcibly();
                System.out.println("aws CLI: a process per command (python3's awscli answered " + ready + ", aws is "
                        + version + "; " + Files.readString(log).strip() + ")");
                return Optional.empty();
            }
            return Optional.of(runner);
        } catch (IOException | InterruptedException | URISyntaxException | TimeoutException e) {
            System.out.println("aws CLI: a process per command (" + e + ")");
            return Optional.empty();
        }
    }

    /** The version {@code aws --version} prints, e.g. 1.45.11 for "aws-cli/1.45.11 Python/3.11.7 …". */
    private static String awsVersion() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("aws", "--version").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor(2, TimeUnit.MINUTES);
        return out.startsWith("aws-cli/") ? out.substring("aws-cli/".length()).split(" ")[0] : out;
    }

    private static Path script() throws URISyntaxException {
        return Path.of(AwsCliRunner.class.getResource("/python/aws_runner.py").toURI());
    }

    /**
     * Runs {@code aws args} with exactly {@code env} as its environment, in {@code dir}, its stdout
     * and stderr written to {@code out} and {@code err}; returns its exit code. One command at a time.
     */
    synchronized int run(Path dir, Path out, Path err, Map<String, String> env, List<String> args, Duration timeout)
            throws IOException, InterruptedException, TimeoutException {
        List<String> words = new ArrayList<>(List.of(dir.toString(), out.toString(), err.toString(),
                Integer.toString(env.size())));
        env.forEach((name, value) -> {
            words.add(name);
            words.add(value);
        });
        words.addAll(args);
        StringBuilder line = new StringBuilder();
        for (String w : words) {
            if (!line.isEmpty()) line.append(' ');
            line.append(BASE64.encodeToString(w.getBytes(StandardCharsets.UTF_8)));
        }
        commands.write(line.append('\n').toString().getBytes(StandardCharsets.US_ASCII));
        commands.flush();
        String answer = answer(timeout);
        if (answer == null) throw new IOException("the aws runner ended: " + args);
        return Integer.parseInt(answer.strip());
    }

    /** The runner's next line, or null at its end; kills it when none comes in time. */
    private String answer(Duration timeout) throws IOException, InterruptedException, TimeoutException {
        CompletableFuture<String> next = CompletableFuture.supplyAsync(() -> {
            try {
                return answers.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, AwsCliRunner::daemon);
        try {
            return next.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            process.destroyForcibly();
            throw e;
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        }
    }

    /** A thread of its own for each wait, which ends with the runner if the wait timed out. */
    private static void daemon(Runnable task) {
        Thread thread = new Thread(task, "aws-runner-answer");
        thread.setDaemon(true);
        thread.start();
    }
}

package dev.coffer.compat.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The aws CLI against one endpoint, with no user configuration: only the environment given here
 * (by default the test credentials) reaches it. Each command runs in the JVM's {@link AwsCliRunner}
 * (the same CLI, without a Python start-up per command) where it can, else as a process of its own.
 */
public final class AwsCli {
    private static final Duration TIMEOUT = Duration.ofMinutes(10);
    private final String endpoint;
    private final Path dir;
    private final Map<String, String> env;

    public AwsCli(String endpoint, Path dir, Map<String, String> env) {
        this.endpoint = endpoint;
        this.dir = dir;
        this.env = Map.copyOf(env);
    }

    /** The shared test server, with its credentials and region. */
    public AwsCli(CofferServer server, Path dir) {
        this(server.endpoint().toString(), dir, Map.of());
    }

    /** The test credentials and region, plus {@code extra} (which wins). */
    public static Map<String, String> credentials(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of(
                "AWS_ACCESS_KEY_ID", CofferServer.ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY", CofferServer.SECRET_KEY,
                "AWS_DEFAULT_REGION", CofferServer.REGION.id()));
        env.putAll(extra);
        return env;
    }

    /** Skips the calling test where the aws CLI is not installed, or fails it under CI=true ({@link Tools}). */
    public static void require() {
        Tools.requireOnPath("aws", "pip install awscli, or apt-get install awscli");
    }

    /** Runs {@code aws --endpoint-url <endpoint> args}; fails unless it exits 0 within 10 minutes; returns stdout. */
    public String run(String... args) throws IOException, InterruptedException {
        return run(Map.of(), args);
    }

    /** {@link #run(String...)} with more environment for this one call (e.g. checksum settings). */
    public String run(Map<String, String> extraEnv, String... args) throws IOException, InterruptedException {
        Result result = execute(extraEnv, args);
        if (result.exitValue() != 0) {
            throw new AssertionError("aws " + String.join(" ", args) + " exited " + result.exitValue()
                    + "\nstdout: " + result.stdout() + "\nstderr: " + result.stderr());
        }
        return result.stdout();
    }

    /**
     * Runs a command that must fail (the CLI exits non-zero after S3 answers an error) and returns
     * its stderr, e.g. "An error occurred (InvalidTag) when calling the PutObjectTagging operation: …".
     */
    public String fail(String... args) throws IOException, InterruptedException {
        Result result = execute(Map.of(), args);
        if (result.exitValue() == 0) {
            throw new AssertionError("aws " + String.join(" ", args) + " succeeded; stdout: " + result.stdout());
        }
        return result.stderr();
    }

    private record Result(int exitValue, String stdout, String stderr) {}

    private Result execute(Map<String, String> extraEnv, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("aws", "--endpoint-url", endpoint));
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        Map<String, String> e = builder.environment();
        e.keySet().removeIf(k -> k.startsWith("AWS_"));
        e.put("AWS_CONFIG_FILE", dir.resolve("no-config").toString());
        e.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-credentials").toString());
        e.put("AWS_EC2_METADATA_DISABLED", "true");
        e.put("AWS_PAGER", "");
        e.putAll(credentials(env));
        e.putAll(extraEnv);
        Path out = dir.resolve("aws.out");
        Path err = dir.resolve("aws.err");
        Optional<AwsCliRunner> runner = AwsCliRunner.shared();
        if (runner.isPresent()) {
            try {
                int exit = runner.get().run(dir, out, err, e, command.subList(1, command.size()), TIMEOUT);
                return new Result(exit, Files.readString(out), Files.readString(err));
            } catch (TimeoutException timeout) {
                throw new AssertionError("aws " + String.join(" ", args) + " did not finish in 10 minutes");
            }
        }
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(TIMEOUT.toMinutes(), TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("aws " + String.join(" ", args) + " did not finish in 10 minutes");
        }
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}

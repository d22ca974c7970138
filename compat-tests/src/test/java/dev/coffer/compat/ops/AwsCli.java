package dev.coffer.compat.ops;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The aws CLI against one endpoint, with only the given credentials and config in its environment. */
public final class AwsCli {
    private final String endpoint;
    private final Path dir;
    private final Map<String, String> env;

    public AwsCli(String endpoint, Path dir, Map<String, String> env) {
        this.endpoint = endpoint;
        this.dir = dir;
        this.env = Map.copyOf(env);
    }

    public static boolean installed() {
        String path = System.getenv().getOrDefault("PATH", "");
        return Arrays.stream(path.split(File.pathSeparator)).map(p -> Path.of(p, "aws")).anyMatch(Files::isExecutable);
    }

    /** Runs {@code aws --endpoint-url <endpoint> args}; fails unless it exits 0 within 10 minutes; returns stdout. */
    public String run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("aws", "--endpoint-url", endpoint));
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        Map<String, String> e = builder.environment();
        e.keySet().removeIf(k -> k.startsWith("AWS_"));
        e.put("AWS_CONFIG_FILE", dir.resolve("no-config").toString());
        e.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-credentials").toString());
        e.put("AWS_EC2_METADATA_DISABLED", "true");
        e.put("AWS_PAGER", "");
        e.putAll(env);
        Path out = dir.resolve("aws.out");
        Path err = dir.resolve("aws.err");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("aws " + String.join(" ", args) + " did not finish in 10 minutes");
        }
        String stdout = Files.readString(out);
        if (process.exitValue() != 0) {
            throw new AssertionError("aws " + String.join(" ", args) + " exited " + process.exitValue()
                    + "\nstdout: " + stdout + "\nstderr: " + Files.readString(err));
        }
        return stdout;
    }
}

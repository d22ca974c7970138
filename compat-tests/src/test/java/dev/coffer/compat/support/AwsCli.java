package dev.coffer.compat.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the aws CLI against the server with the test credentials and no user configuration. */
public final class AwsCli {
    private final CofferServer server;
    private final Path dir;

    public AwsCli(CofferServer server, Path dir) {
        this.server = server;
        this.dir = dir;
    }

    public static boolean installed() {
        String path = System.getenv().getOrDefault("PATH", "");
        return Arrays.stream(path.split(File.pathSeparator)).map(p -> Path.of(p, "aws")).anyMatch(Files::isExecutable);
    }

    /** Runs {@code aws --endpoint-url ... args}, asserts exit code 0, and returns standard output. */
    public String run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("aws", "--endpoint-url", server.endpoint().toString()));
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_"));
        env.put("AWS_ACCESS_KEY_ID", CofferServer.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", CofferServer.SECRET_KEY);
        env.put("AWS_DEFAULT_REGION", CofferServer.REGION.id());
        env.put("AWS_CONFIG_FILE", dir.resolve("no-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-credentials").toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_PAGER", "");
        Path out = dir.resolve("aws.out");
        Path err = dir.resolve("aws.err");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("aws " + String.join(" ", args) + " did not finish in 120 s");
        }
        String stdout = Files.readString(out);
        assertThat(process.exitValue()).as("exit code of aws %s%nstdout: %s%nstderr: %s", String.join(" ", args), stdout,
                Files.readString(err)).isZero();
        return stdout;
    }
}

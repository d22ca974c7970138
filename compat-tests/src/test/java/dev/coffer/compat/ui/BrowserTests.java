package dev.coffer.compat.ui;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * The drive UI's browser tests in {@code ui-tests/}: Node scripts that drive Debian's headless
 * Chromium through playwright-core. Run from here so that {@code mvn verify} runs them against the
 * real server; skipped, with the reason, where Chromium, node or the npm packages are missing.
 */
public final class BrowserTests {
    public static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));

    /** What a script printed (standard output and error, interleaved) and its exit code. */
    public record Result(int exitCode, String output) {}

    private BrowserTests() {
    }

    /** The ui-tests folder of the repository, found upwards from the working directory. */
    public static Path folder() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("ui-tests");
            if (Files.isRegularFile(candidate.resolve("package.json"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no ui-tests/package.json above " + Path.of("").toAbsolutePath());
    }

    /**
     * Skips the calling test, saying why (in the report and on standard output), unless Chromium,
     * node and playwright-core are here.
     */
    public static void assumeAvailable() {
        String missing = null;
        if (!Files.isExecutable(CHROMIUM)) {
            missing = "Chromium is not installed at " + CHROMIUM + " (apt-get install chromium)";
        } else if (!onPath("node")) {
            missing = "node is not on PATH";
        } else if (!Files.isDirectory(folder().resolve("node_modules/playwright-core"))) {
            missing = "ui-tests/node_modules has no playwright-core (run npm ci in ui-tests)";
        }
        if (missing != null) {
            System.out.println("SKIPPED drive UI browser test: " + missing);
            Assumptions.abort(missing + ": skipping the drive UI browser test");
        }
    }

    /** Runs {@code node <script> args...} in ui-tests/, echoing its output, and waits for it. */
    public static Result run(String script, long timeoutSeconds, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(Arrays.asList(args));
        Path log = Files.createTempFile("coffer-drive-ui-", ".log");
        try {
            Process process = new ProcessBuilder(command).directory(folder().toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
                String output = Files.readString(log, StandardCharsets.UTF_8);
                throw new AssertionError("node " + script + " did not finish in " + timeoutSeconds + " s; output:\n" + output);
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            System.out.println(output);
            return new Result(process.exitValue(), output);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static boolean onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Arrays.stream(path.split(File.pathSeparator)).map(p -> Path.of(p, program)).anyMatch(Files::isExecutable);
    }
}

package dev.coffer.compat.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An npm package of test scripts in this repository ({@code ui-tests/}, {@code compat-tests/js/}),
 * its dependencies installed by {@code npm ci} (.ci/run), its scripts run by node against the
 * real server.
 */
public final class NodeScripts {

    /** What a script printed (standard output and error, interleaved) and its exit code. */
    public record Result(int exitCode, String output) {}

    private final Path folder;

    private NodeScripts(Path folder) {
        this.folder = folder;
    }

    /** The package at {@code pathFromRoot} (e.g. "compat-tests/js"), found upwards from the working directory. */
    public static NodeScripts at(String pathFromRoot) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(pathFromRoot);
            if (Files.isRegularFile(candidate.resolve("package.json"))) {
                return new NodeScripts(candidate);
            }
        }
        throw new IllegalStateException("no " + pathFromRoot + "/package.json above " + Path.of("").toAbsolutePath());
    }

    public Path folder() {
        return folder;
    }

    /** Node and each of {@code packages} in node_modules, or the test skips (fails under CI=true: {@link Tools}). */
    public NodeScripts require(String... packages) {
        Tools.requireOnPath("node", "apt-get install nodejs npm");
        for (String p : packages) {
            Tools.require(Files.isDirectory(folder.resolve("node_modules").resolve(p)), "npm package " + p + " in " + folder,
                    "npm ci in " + folder.getFileName());
        }
        return this;
    }

    /** Runs {@code node <script> args...} in the package's folder, echoing its output; fails if it outlives the timeout. */
    public Result run(String script, long timeoutSeconds, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(Arrays.asList(args));
        Path log = Files.createTempFile("coffer-node-", ".log");
        try {
            Process process = new ProcessBuilder(command).directory(folder.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
                throw new AssertionError("node " + script + " did not finish in " + timeoutSeconds + " s; output:\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            System.out.println(output);
            return new Result(process.exitValue(), output);
        } finally {
            Files.deleteIfExists(log);
        }
    }
}

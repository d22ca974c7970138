package dev.coffer.compat.support;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * The one place a test says it needs a program that is not part of the build (the aws CLI, nginx,
 * rclone, s3cmd, Chromium, node and npm packages, python3 with boto3, the packaged jar). Where one
 * is missing the test is skipped with the reason and how to install it — except under
 * {@code CI=true}, where a missing tool fails the test: CI installs everything (.ci/run), so a
 * missing tool there means a check that silently did not run.
 */
public final class Tools {

    private Tools() {
    }

    /** Returns quietly when {@code present}; otherwise fails under CI=true, else skips the calling test. */
    public static void require(boolean present, String tool, String howToInstall) {
        if (present) {
            return;
        }
        String message = tool + " is missing (" + howToInstall + ")";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message + "; CI=true, where every test's tool must be installed (.ci/run installs them)");
        }
        System.out.println("SKIPPED: " + message);
        Assumptions.abort(message + ": test skipped");
    }

    /** {@link #require} for a program on PATH. */
    public static void requireOnPath(String program, String howToInstall) {
        require(onPath(program), program, howToInstall);
    }

    /** {@link #require} for a Python module importable by python3. */
    public static void requirePythonModule(String module, String howToInstall) {
        require(onPath("python3") && exitsZero("python3", "-c", "import " + module), "python3 with " + module, howToInstall);
    }

    /** True when {@code program} is an executable on PATH. */
    public static boolean onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Arrays.stream(path.split(File.pathSeparator)).map(p -> Path.of(p, program)).anyMatch(Files::isExecutable);
    }

    private static boolean exitsZero(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

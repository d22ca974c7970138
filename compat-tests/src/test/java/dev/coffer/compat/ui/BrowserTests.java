package dev.coffer.compat.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.coffer.compat.support.NodeScripts;
import dev.coffer.compat.support.Tools;

/**
 * The drive UI's browser tests in {@code ui-tests/}: Node scripts that drive Debian's headless
 * Chromium through playwright-core. Run from here so that {@code mvn verify} runs them against the
 * real server; skipped, with the reason, where Chromium, node or the npm packages are missing, and
 * failed for it under CI=true ({@link Tools}).
 */
public final class BrowserTests {
    public static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));

    private BrowserTests() {
    }

    /** Chromium, node and playwright-core, or the calling test skips (fails under CI=true). */
    public static void requireAvailable() {
        Tools.require(Files.isExecutable(CHROMIUM), "Chromium at " + CHROMIUM, "apt-get install chromium");
        scripts().require("playwright-core");
    }

    /** Runs {@code node <script> args...} in ui-tests/, echoing its output, and waits for it. */
    public static NodeScripts.Result run(String script, long timeoutSeconds, String... args)
            throws IOException, InterruptedException {
        return scripts().run(script, timeoutSeconds, args);
    }

    private static NodeScripts scripts() {
        return NodeScripts.at("ui-tests");
    }
}

package dev.coffer.compat.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness that runs the jar as an operator does: what it leaves behind when a test is cut short. */
class CofferProcessIT {
    @TempDir
    Path dir;

    /**
     * A test's timeout interrupts its thread, here while the jar is starting: the start throws and
     * the caller never gets the process to close, so the start must end it. (A CI-like run's
     * ShutdownIT timed out in its restart and left that server running for the rest of the run.)
     */
    @Test
    void aStartInterruptedWhileWaitingForTheServerLeavesNoProcessRunning() throws Exception {
        Set<Long> before = ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> CofferProcess.start(Map.of("COFFER_DATA_DIR", dir.resolve("data").toString()),
                dir.resolve("coffer.log"))).isInstanceOf(InterruptedException.class);
        Thread.interrupted();
        List<ProcessHandle> started = ProcessHandle.current().children().filter(p -> !before.contains(p.pid())).toList();
        try {
            for (ProcessHandle p : started) {
                p.onExit().get(10, TimeUnit.SECONDS);
            }
            assertThat(started).allSatisfy(p -> assertThat(p.isAlive()).as("pid %d", p.pid()).isFalse());
        } finally {
            started.forEach(ProcessHandle::destroyForcibly);
        }
    }
}

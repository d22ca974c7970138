package dev.coffer.compat.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufAllocator;
import java.util.List;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/**
 * Netty's leak reports ("LEAK: ByteBuf.release() was not called …") while a test runs against the
 * in-process server. The test JVMs run with paranoid leak detection, but Netty reports a leak only
 * once the buffer has been garbage-collected and a later buffer is allocated: {@link #assertNone}
 * collects and allocates before it looks.
 */
public final class LeakReports implements AutoCloseable {
    private final Logger detector = (Logger) LoggerFactory.getLogger("io.netty.util.ResourceLeakDetector");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private LeakReports() throws InterruptedException {
        collectAndReport(); // what earlier tests left unreleased is reported before the capture starts, not in it
        appender.start();
        detector.addAppender(appender);
    }

    public static LeakReports capture() throws InterruptedException {
        return new LeakReports();
    }

    /** No buffer that became garbage since {@link #capture()} was left unreleased. */
    public void assertNone(String what) throws InterruptedException {
        collectAndReport();
        List<String> leaks = appender.list.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.contains("LEAK:"))
                .map(m -> m.lines().limit(12).reduce((a, b) -> a + "\n" + b).orElse(m))
                .toList();
        assertThat(leaks).as("Netty leak reports after %s", what).isEmpty();
    }

    /** Collects garbage and allocates tracked buffers, so Netty reports every unreleased buffer that became garbage. */
    private static void collectAndReport() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200); // the collector's reference processing queues what it found
            for (int j = 0; j < 8; j++) {
                ByteBufAllocator.DEFAULT.directBuffer(16).release(); // each tracked allocation reports what was queued
                ByteBufAllocator.DEFAULT.heapBuffer(16).release();
            }
        }
    }

    @Override
    public void close() {
        detector.detachAppender(appender);
        appender.stop();
    }
}

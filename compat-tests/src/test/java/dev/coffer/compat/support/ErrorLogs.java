package dev.coffer.compat.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/**
 * What the in-process server logs at WARN or above while a test runs: a refused request must be
 * logged in one line, never as an error with a stack trace (a 500, a dropped error).
 */
public final class ErrorLogs implements AutoCloseable {
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private ErrorLogs() {
        appender.start();
        root.addAppender(appender);
    }

    public static ErrorLogs capture() {
        return new ErrorLogs();
    }

    /** No event at WARN or above carried a stack trace since {@link #capture()}. */
    public void assertNoStackTrace(String what) {
        List<String> traced = appender.list.stream()
                .filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN) && e.getThrowableProxy() != null)
                .map(e -> e.getLevel() + " " + e.getFormattedMessage() + ": " + e.getThrowableProxy().getClassName()
                        + ": " + e.getThrowableProxy().getMessage())
                .toList();
        assertThat(traced).as("stack traces logged by %s", what).isEmpty();
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }
}

package dev.coffer.api.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class AccessLogWriterTest {
    @Test
    void linesAreWrittenInOrderOnTheWriterThreadAndFlushedOnClose() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger("coffer.access.test");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        AccessLogWriter writer = new AccessLogWriter(logger);
        for (int i = 0; i < 1000; i++) {
            writer.offer("line " + i);
        }
        writer.close();
        assertThat(appender.list).hasSize(1000);
        assertThat(appender.list.get(0).getFormattedMessage()).isEqualTo("line 0");
        assertThat(appender.list.get(999).getFormattedMessage()).isEqualTo("line 999");
        assertThat(appender.list).allMatch(e -> e.getThreadName().equals("coffer-access-log"));
        assertThat(writer.dropped()).isZero();
    }

    @Test
    void afterCloseLinesAreDroppedAndCounted() throws Exception {
        AccessLogWriter writer = new AccessLogWriter(LoggerFactory.getLogger("coffer.access.test2"));
        writer.close();
        writer.offer("late");
        assertThat(writer.dropped()).isEqualTo(1);
    }
}

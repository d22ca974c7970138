package dev.coffer.api.ops;

import java.util.Queue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import reactor.util.concurrent.Queues;

/**
 * Hands access-log lines from event-loop threads to one writer thread through a lock-free
 * queue. Bounded: when the log cannot keep up, lines are dropped and counted
 * ({@code coffer_access_log_dropped_total}) rather than growing memory or blocking requests.
 */
public final class AccessLogWriter implements AutoCloseable {
    static final int CAPACITY = 65_536;
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final Logger logger;
    private final Queue<String> queue = Queues.<String>unboundedMultiproducer().get();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread thread;
    private volatile boolean closing;

    public AccessLogWriter(Logger logger) {
        this.logger = logger;
        this.thread = new Thread(this::drainLoop, "coffer-access-log");
        thread.setDaemon(true);
        thread.start();
    }

    /** False when the logger is switched off ({@code logging.level.coffer.access=OFF}): no formatting then. */
    boolean enabled() {
        return logger.isInfoEnabled();
    }

    /** Never blocks. */
    void offer(String line) {
        if (closing || queued.incrementAndGet() > CAPACITY) {
            queued.decrementAndGet();
            dropped.incrementAndGet();
            return;
        }
        queue.offer(line);
    }

    public long dropped() {
        return dropped.get();
    }

    private void drainLoop() {
        while (true) {
            boolean wasClosing = closing;
            String line = queue.poll();
            if (line != null) {
                queued.decrementAndGet();
                logger.info(line);
            } else if (wasClosing) {
                return;
            } else {
                LockSupport.parkNanos(this, IDLE_PARK_NANOS);
            }
        }
    }

    /** Writes what is queued, then stops the thread. */
    @Override
    public void close() throws InterruptedException {
        closing = true;
        LockSupport.unpark(thread);
        thread.join(TimeUnit.SECONDS.toMillis(5));
    }
}

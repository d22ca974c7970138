package dev.coffer.api.jobs;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The metrics of one job kind, tagged {@code kind}: {@code coffer_jobs_backlog},
 * {@code coffer_jobs_done_total}, {@code coffer_jobs_failed_total} (passes that ended in an
 * error), {@code coffer_jobs_consecutive_failures}, {@code coffer_jobs_last_run_timestamp_seconds}
 * (end of the last pass) and {@code coffer_jobs_last_duration_seconds}.
 */
final class JobStats {
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong consecutiveFailures = new AtomicLong();
    private volatile double lastRunSeconds;
    private volatile double lastDurationSeconds;

    JobStats(Job job, MeterRegistry registry) {
        String kind = job.kind();
        Gauge.builder("coffer.jobs.backlog", job, Job::backlog).tag("kind", kind)
                .description("Work waiting, in the job kind's unit (README, Background jobs)").register(registry);
        FunctionCounter.builder("coffer.jobs.done", done, AtomicLong::get).tag("kind", kind)
                .description("Items the job kind completed").register(registry);
        FunctionCounter.builder("coffer.jobs.failed", failed, AtomicLong::get).tag("kind", kind)
                .description("Passes of the job kind that ended in an error").register(registry);
        Gauge.builder("coffer.jobs.consecutive.failures", consecutiveFailures, AtomicLong::get).tag("kind", kind)
                .description("Passes failed in a row; 0 after a pass that succeeds").register(registry);
        Gauge.builder("coffer.jobs.last.run.timestamp", this, s -> s.lastRunSeconds).tag("kind", kind).baseUnit("seconds")
                .description("When the last pass ended, epoch seconds (0: none yet)").register(registry);
        Gauge.builder("coffer.jobs.last.duration", this, s -> s.lastDurationSeconds).tag("kind", kind).baseUnit("seconds")
                .description("How long the last pass took").register(registry);
    }

    void done(long n) {
        done.addAndGet(n);
    }

    void passEnded(long startedNanos, boolean ok) {
        lastDurationSeconds = (System.nanoTime() - startedNanos) / 1e9;
        lastRunSeconds = System.currentTimeMillis() / 1000.0;
        if (ok) {
            consecutiveFailures.set(0);
        } else {
            failed.incrementAndGet();
            consecutiveFailures.incrementAndGet();
        }
    }

    long consecutiveFailures() {
        return consecutiveFailures.get();
    }

    long doneCount() {
        return done.get();
    }

    long failedCount() {
        return failed.get();
    }

    double lastRunSeconds() {
        return lastRunSeconds;
    }

    double lastDurationSeconds() {
        return lastDurationSeconds;
    }
}

package dev.coffer.api.jobs;

import dev.coffer.api.service.PeriodicLoop;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The one scheduler of background work (DESIGN.md, "Background work"): each {@link Job} kind's
 * passes start every {@link Job#interval()}, run on a scheduler of {@code coffer.jobs.concurrency}
 * threads of their own (never the request path's I/O threads or an event loop), one pass of a kind
 * at a time, and are counted per kind ({@link JobStats}). A kind whose last {@link #FAILING}
 * passes all failed is reported by {@code /_coffer/health}. Stopping waits for the steps in
 * flight, so the catalogue is never closed under one. In a cluster, kinds whose effects are
 * catalogue commands run on the Raft leader only ({@link Job#scope()}).
 */
public final class JobRunner implements SmartLifecycle {
    /** Passes failed in a row after which health names the kind. */
    static final int FAILING = 3;
    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

    private final Map<Job, JobStats> jobs = new LinkedHashMap<>();
    private final Duration firstDelay;
    private final int concurrency;
    private Scheduler scheduler;
    private final ReentrantReadWriteLock inFlight = new ReentrantReadWriteLock();
    private final List<Disposable> loops = new ArrayList<>();
    private volatile boolean stopping;
    private final BooleanSupplier leads;

    public JobRunner(List<Job> jobs, int concurrency, Duration firstDelay, MeterRegistry registry) {
        this(jobs, concurrency, firstDelay, registry, () -> true);
    }

    /**
     * @param leads whether this node leads its cluster now (always, on a single node): a tick of a
     *     {@link Job.Scope#LEADER} kind starts a pass only then, and is skipped on the others
     */
    public JobRunner(List<Job> jobs, int concurrency, Duration firstDelay, MeterRegistry registry, BooleanSupplier leads) {
        for (Job job : jobs) this.jobs.put(job, new JobStats(job, registry));
        this.firstDelay = firstDelay;
        this.concurrency = concurrency;
        this.leads = leads;
    }

    /** Whether a tick of {@code job} starts a pass on this node now. */
    boolean due(Job job) {
        return job.scope() == Job.Scope.EVERY_NODE || leads.getAsBoolean();
    }

    /** The kinds whose last {@link #FAILING} passes or more all failed, for health. */
    public List<String> failingKinds() {
        List<String> out = new ArrayList<>();
        jobs.forEach((job, stats) -> {
            if (stats.consecutiveFailures() >= FAILING) out.add(job.kind());
        });
        return out;
    }

    /** Each kind's state as its metrics tell it, for the console's storage overview. */
    public List<JobStatus> statuses() {
        List<JobStatus> out = new ArrayList<>();
        jobs.forEach((job, stats) -> out.add(new JobStatus(job.kind(), job.backlog(), stats.doneCount(),
                stats.failedCount(), stats.consecutiveFailures(), stats.lastRunSeconds(),
                stats.lastDurationSeconds(), job.scope() == Job.Scope.EVERY_NODE || leads.getAsBoolean())));
        return out;
    }

    /** The backlog of the job of that kind, or -1 if there is none. */
    public long backlog(String kind) {
        for (Job job : jobs.keySet()) if (job.kind().equals(kind)) return job.backlog();
        return -1;
    }

    /** Runs one pass of {@code job} now on the caller's thread; for start-up work and tests. */
    public boolean runPass(Job job) {
        JobStats stats = jobs.get(job);
        long started = System.nanoTime();
        inFlight.readLock().lock();
        try {
            while (!stopping) {
                Job.Step step = job.step();
                if (stats != null) stats.done(step.done());
                if (!step.more()) break;
            }
            if (stats != null) stats.passEnded(started, true);
            return true;
        } catch (Exception | Error e) {
            if (stats != null) stats.passEnded(started, false);
            log.warn("background job {} failed; its next pass resumes from its saved state", job.kind(), e);
            return false;
        } finally {
            inFlight.readLock().unlock();
        }
    }

    @Override
    public synchronized void start() {
        stopping = false;
        Scheduler on = Schedulers.newBoundedElastic(concurrency, 64, "coffer-jobs", 60, true);
        scheduler = on;
        for (Job job : jobs.keySet()) {
            loops.add(PeriodicLoop.start(firstDelay, job.interval(),
                    () -> Mono.fromCallable(() -> !due(job) || runPass(job)).subscribeOn(on),
                    log, "background job " + job.kind() + " loop failed; will retry"));
        }
    }

    @Override
    public synchronized void stop() {
        stopping = true;
        loops.forEach(Disposable::dispose);
        loops.clear();
        try {
            // A step in flight ends before the catalogue closes its native handles.
            if (inFlight.writeLock().tryLock(30, TimeUnit.SECONDS)) inFlight.writeLock().unlock();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (scheduler != null) scheduler.dispose();
        scheduler = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return !loops.isEmpty();
    }
}

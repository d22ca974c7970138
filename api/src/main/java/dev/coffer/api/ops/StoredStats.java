package dev.coffer.api.ops;

import dev.coffer.api.service.BlockingIo;
import dev.coffer.api.service.PeriodicLoop;
import dev.coffer.metadata.Catalog;
import dev.coffer.metadata.CatalogStats;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * The gauges of what is stored: {@code coffer_objects}, {@code coffer_stored_bytes},
 * {@code coffer_gc_backlog_chunks}. A scrape reads the last count; the count itself (a full
 * catalogue scan) runs every {@code coffer.metrics.stats-interval} on the I/O scheduler.
 */
public final class StoredStats implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(StoredStats.class);

    private final Catalog catalog;
    private final BlockingIo io;
    private final Duration interval;
    private final AtomicReference<CatalogStats> last = new AtomicReference<>(new CatalogStats(0, 0, 0));
    private volatile long countedAtMillis;
    /** The recount in flight, shared by every caller that asks meanwhile: at most one scan at a time. */
    private final AtomicReference<Mono<CatalogStats>> inFlight = new AtomicReference<>();
    private final ReentrantLock scanning = new ReentrantLock();
    private volatile boolean stopped;
    private volatile Disposable loop;

    public StoredStats(Catalog catalog, BlockingIo io, Duration interval, MeterRegistry registry) {
        this.catalog = catalog;
        this.io = io;
        this.interval = interval;
        Gauge.builder("coffer.objects", last, s -> s.get().objects())
                .description("Objects stored (recounted every coffer.metrics.stats-interval)").register(registry);
        Gauge.builder("coffer.stored", last, s -> s.get().bytes()).baseUnit("bytes")
                .description("Bytes of object data stored (sum of object sizes)").register(registry);
        Gauge.builder("coffer.gc.backlog", last, s -> s.get().gcBacklog()).baseUnit("chunks")
                .description("Chunks queued for deletion and not yet deleted").register(registry);
    }

    /** Recounts now, off the caller's thread; empty once stopped. */
    public Mono<CatalogStats> refresh() {
        return io.call(this::count).doOnNext(stats -> {
            last.set(stats);
            countedAtMillis = System.currentTimeMillis();
        });
    }

    /**
     * Recounts now for a caller who wants fresh figures (the console's overview): joins the recount
     * already running, if any, so that many callers cost one scan.
     */
    public Mono<CatalogStats> recount() {
        for (;;) {
            Mono<CatalogStats> running = inFlight.get();
            if (running != null) return running;
            Mono<CatalogStats> mine = refresh().doFinally(s -> inFlight.set(null)).cache();
            if (inFlight.compareAndSet(null, mine)) return mine;
        }
    }

    /** How often the figures are recounted on their own ({@code coffer.metrics.stats-interval}). */
    public Duration interval() {
        return interval;
    }

    /** When the figures of {@link #last()} were counted, epoch millis; 0 before the first count. */
    public long countedAtMillis() {
        return countedAtMillis;
    }

    /** Holds the scan lock so that {@link #stop()} can wait for a scan before the catalogue closes. */
    private CatalogStats count() {
        scanning.lock();
        try {
            return stopped ? last.get() : catalog.stats();
        } finally {
            scanning.unlock();
        }
    }

    public CatalogStats last() {
        return last.get();
    }

    @Override
    public void start() {
        stopped = false;
        loop = PeriodicLoop.start(Duration.ZERO, interval, this::refresh, log,
                "recounting stored objects failed; will retry");
    }

    @Override
    public void stop() {
        stopped = true;
        Disposable l = loop;
        if (l != null) {
            l.dispose();
        }
        loop = null;
        // A scan in flight must end before the catalogue closes its native handles.
        try {
            if (scanning.tryLock(30, TimeUnit.SECONDS)) {
                scanning.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return loop != null;
    }
}

package dev.coffer.api.service;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The one door to blocking work: every RocksDB call and file operation passes through here and
 * runs on a bounded scheduler, never on a Netty event loop (habit 12). Work asked for on one of
 * this scheduler's own threads runs there at once: a GET's bucket, version and lifecycle
 * look-ups then share one hand-off instead of taking one each (docs/benchmarks.md, issue 23).
 */
public final class BlockingIo implements AutoCloseable {
    private final Scheduler scheduler;

    public BlockingIo(int threads) {
        AtomicLong count = new AtomicLong();
        // Queued tasks are bounded too: beyond this the server sheds load instead of growing memory.
        this.scheduler = Schedulers.newBoundedElastic(threads, 100_000,
                task -> new IoThread(this, task, "coffer-io-" + count.incrementAndGet()), 60);
    }

    public <T> Mono<T> call(Callable<T> work) {
        Mono<T> mono = Mono.fromCallable(work);
        return Mono.defer(() -> onIoThread() ? mono : mono.subscribeOn(scheduler));
    }

    public Mono<Void> run(IoAction work) {
        return call(() -> {
            work.run();
            return null;
        });
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    /** Whether the calling thread is one of this scheduler's (another pool's, kept apart on purpose, is not). */
    private boolean onIoThread() {
        return Thread.currentThread() instanceof IoThread t && t.owner == this;
    }

    @Override
    public void close() {
        scheduler.dispose();
    }

    /** A blocking action that may throw. */
    @FunctionalInterface
    public interface IoAction {
        void run() throws Exception;
    }

    /** The scheduler's threads, so that a call made on one needs no hand-off. */
    private static final class IoThread extends Thread {
        final BlockingIo owner;

        IoThread(BlockingIo owner, Runnable task, String name) {
            super(task, name);
            this.owner = owner;
            setDaemon(true);
        }
    }
}

package dev.coffer.api.service;

import java.util.concurrent.Callable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The one door to blocking work: every RocksDB call and file operation passes through here and
 * runs on a bounded scheduler, never on a Netty event loop (habit 12).
 */
public final class BlockingIo implements AutoCloseable {
    private final Scheduler scheduler;

    public BlockingIo(int threads) {
        // Queued tasks are bounded too: beyond this the server sheds load instead of growing memory.
        this.scheduler = Schedulers.newBoundedElastic(threads, 100_000, "coffer-io", 60, true);
    }

    public <T> Mono<T> call(Callable<T> work) {
        return Mono.fromCallable(work).subscribeOn(scheduler);
    }

    public Mono<Void> run(IoAction work) {
        return Mono.<Void>fromCallable(() -> {
            work.run();
            return null;
        }).subscribeOn(scheduler);
    }

    public Scheduler scheduler() {
        return scheduler;
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
}

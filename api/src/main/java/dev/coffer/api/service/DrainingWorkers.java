package dev.coffer.api.service;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;

/**
 * A scheduler whose workers, once disposed, still run the tasks already given to them, then let
 * their thread go. For {@code publishOn}, whose cancel disposes its worker before it looks at its
 * queue (reactor-core 3.8.8, issue 4396, fix proposed in PR 4401): a drain task that was scheduled
 * but had not started, the thread being busy elsewhere, was dropped, and the queue it would have
 * cleared stayed full — body pieces neither written nor released. Here that task runs, sees the
 * cancel and discards the queue. Drop this once Reactor's publishOn discards on its own.
 */
final class DrainingWorkers implements Scheduler {
    private final Scheduler scheduler;

    DrainingWorkers(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public Disposable schedule(Runnable task) {
        return scheduler.schedule(task);
    }

    @Override
    public Worker createWorker() {
        return new Draining(scheduler.createWorker());
    }

    private static final class Draining implements Worker {
        private final Worker worker;
        /** Tasks given to the worker and not yet finished. */
        private final AtomicInteger pending = new AtomicInteger();
        private volatile boolean disposed;

        Draining(Worker worker) {
            this.worker = worker;
        }

        @Override
        public Disposable schedule(Runnable task) {
            if (disposed) throw new RejectedExecutionException("worker disposed");
            pending.incrementAndGet();
            try {
                return worker.schedule(() -> {
                    try {
                        task.run();
                    } finally {
                        if (pending.decrementAndGet() == 0 && disposed) worker.dispose();
                    }
                });
            } catch (RuntimeException e) {
                pending.decrementAndGet();
                throw e;
            }
        }

        @Override
        public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
            throw new RejectedExecutionException("no delayed tasks on a draining worker");
        }

        @Override
        public Disposable schedulePeriodically(Runnable task, long initialDelay, long period, TimeUnit unit) {
            throw new RejectedExecutionException("no periodic tasks on a draining worker");
        }

        /** The thread is let go once the tasks given so far have run (at once if none is pending). */
        @Override
        public void dispose() {
            disposed = true;
            if (pending.get() == 0) worker.dispose();
        }

        @Override
        public boolean isDisposed() {
            return disposed;
        }
    }
}

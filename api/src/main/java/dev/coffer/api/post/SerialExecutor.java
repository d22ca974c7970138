package dev.coffer.api.post;

import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Operators;
import reactor.core.scheduler.Scheduler;
import reactor.util.concurrent.Queues;
import reactor.util.context.Context;

/**
 * Runs the tasks given to it one at a time, in the order given, on a thread of {@code scheduler}:
 * a task never overlaps another and sees everything the ones before it did. It has no worker to
 * dispose, so a task once given is never dropped (a disposed Reactor worker drops what it had not
 * started, reactor-core#4396).
 */
final class SerialExecutor implements Executor {
    private final Scheduler scheduler;
    private final Queue<Runnable> tasks = Queues.<Runnable>unboundedMultiproducer().get();
    /** Tasks given and not yet run: the one that raises it from 0 schedules the drain. */
    private final AtomicInteger pending = new AtomicInteger();

    SerialExecutor(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public void execute(Runnable task) {
        tasks.offer(task);
        if (pending.getAndIncrement() == 0) scheduler.schedule(this::drain);
    }

    private void drain() {
        do {
            Runnable task = tasks.poll();
            try {
                task.run();
            } catch (Throwable e) {
                // A task is a reactive signal, which does not throw; should one, the next still run.
                Operators.onErrorDropped(e, Context.empty());
            }
        } while (pending.decrementAndGet() != 0);
    }
}

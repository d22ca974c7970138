package dev.coffer.compat.support;

import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waiting for what a server does in the background (deliveries, jobs), with a bound for a loaded machine. */
public final class Awaits {
    private Awaits() {}

    /**
     * Polls {@code value} every 100 ms until {@code done} holds, at most 90 s (at a load average of
     * 45 on two cores a first delivery took more than 30 s); the last value.
     */
    public static <T> T await(Supplier<T> value, Predicate<T> done, String what) throws InterruptedException {
        return await(value, done, what, 90, 100);
    }

    /** As {@link #await(Supplier, Predicate, String)}, polling every {@code everyMillis}, at most {@code seconds}. */
    public static <T> T await(Supplier<T> value, Predicate<T> done, String what, long seconds, long everyMillis)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        T v = value.get();
        while (!done.test(v)) {
            if (System.nanoTime() > deadline) throw new AssertionError("waited " + seconds + " s for " + what + "; have " + v);
            Thread.sleep(everyMillis);
            v = value.get();
        }
        return v;
    }
}

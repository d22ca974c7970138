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
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        T v = value.get();
        while (!done.test(v)) {
            if (System.nanoTime() > deadline) throw new AssertionError("waited 90 s for " + what + "; have " + v);
            Thread.sleep(100);
            v = value.get();
        }
        return v;
    }
}

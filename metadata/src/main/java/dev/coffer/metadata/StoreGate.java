package dev.coffer.metadata;

/**
 * Keeps every use of RocksDB's native handles (a get, a batch put, a commit, an open scan or
 * snapshot) out of the way of the one thing that replaces them: {@link RocksStore}'s reopen after a
 * full disk. A use {@link #enter()}s and {@link #leave()}s (from any thread: a scan may close where
 * it was not made); {@link #exclusive} waits, for a bounded time, until no use is inside, holds new
 * ones at the door while its action runs, and lets them in after. A call on a closed native handle
 * would crash the JVM, not throw, hence this gate rather than a check.
 *
 * <p>A use that enters while it is already inside (a scan made from an open snapshot) waits if an
 * exclusive action is at the door: that action gives up after its timeout, so the wait is bounded.
 */
final class StoreGate {
    private int inside;
    private boolean closing;

    synchronized void enter() {
        boolean interrupted = false;
        while (closing) {
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true; // finish entering: the caller's use is short; keep the flag
            }
        }
        inside++;
        if (interrupted) Thread.currentThread().interrupt();
    }

    synchronized void leave() {
        if (--inside == 0) notifyAll();
    }

    /**
     * Runs {@code action} with no use inside, or returns false without running it if the uses
     * inside did not all leave within {@code timeoutMillis}.
     */
    synchronized boolean exclusive(long timeoutMillis, Runnable action) throws InterruptedException {
        closing = true;
        try {
            long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
            while (inside > 0) {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) return false;
                wait(left);
            }
            action.run();
            return true;
        } finally {
            closing = false;
            notifyAll();
        }
    }
}

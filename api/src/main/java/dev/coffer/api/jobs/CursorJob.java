package dev.coffer.api.jobs;

import dev.coffer.metadata.Catalog;
import java.time.Duration;

/**
 * What the job kinds that resume from a cursor hold alike (chunk-audit, scrub, replica-audit,
 * replicate, lifecycle): their name, how often {@link JobRunner} ticks them, where they run, their
 * cursor's row in the catalogue's {@code jobs} table (written by command 45, each kind in its own
 * format) and the backlog they last published for metrics and health. A kind writes only its
 * {@link #step()}: read the cursor, do a bounded batch, save the cursor after it.
 */
public abstract class CursorJob implements Job {
    private static final Duration LONGEST_TICK = Duration.ofMinutes(1);

    protected final Catalog catalog;
    private final String kind;
    private final String cursorName;
    private final Duration interval;
    private final Scope scope;
    private volatile long backlog;

    /**
     * @param cursorName the cursor's row: the kind's name, or {@code <kind>/<node id>} for work each
     *     node of a cluster does on its own files (the table is replicated)
     */
    protected CursorJob(String kind, String cursorName, Catalog catalog, Duration interval, Scope scope) {
        this.kind = kind;
        this.cursorName = cursorName;
        this.catalog = catalog;
        this.interval = interval;
        this.scope = scope;
    }

    /**
     * Ticks for a kind that starts a pass only {@code passInterval} after the last one ended: that
     * often, but at least once a minute, so the first pass after a start is not a whole interval away.
     */
    protected static Duration ticksFor(Duration passInterval) {
        return passInterval.compareTo(LONGEST_TICK) < 0 ? passInterval : LONGEST_TICK;
    }

    @Override
    public final String kind() {
        return kind;
    }

    @Override
    public final Duration interval() {
        return interval;
    }

    @Override
    public final Scope scope() {
        return scope;
    }

    @Override
    public long backlog() {
        return backlog;
    }

    /** Sets what {@link #backlog()} answers. */
    protected final void publishBacklog(long value) {
        backlog = value;
    }

    /** The saved cursor, or null between passes. */
    protected final byte[] loadCursor() {
        return catalog.jobCursors().get(cursorName).orElse(null);
    }

    /** Saves the cursor after a step; null ends the pass. */
    protected final void saveCursor(byte[] cursor) {
        catalog.jobCursors().set(cursorName, cursor);
    }

    /** Sleeps until {@code done} units since {@code startedNanos} are within {@code perSecond}. */
    protected static void pace(long startedNanos, long done, long perSecond) throws InterruptedException {
        long dueNanos = (long) (done * 1e9 / perSecond);
        long aheadMillis = (dueNanos - (System.nanoTime() - startedNanos)) / 1_000_000;
        if (aheadMillis > 0) Thread.sleep(aheadMillis);
    }
}

package dev.coffer.api.jobs;

import java.time.Duration;

/**
 * One kind of background work run by {@link JobRunner}: chunk GC, the orphan sweep, scrub,
 * lifecycle. A pass is a series of {@link #step()}s, each a bounded batch that reads its state
 * from the catalogue (a queue or a saved cursor) and records what it did there before returning,
 * so a pass cut by a stop or a kill -9 resumes where it stopped and no effect is repeated.
 */
public interface Job {
    /** The name in metrics and health: {@code gc}, {@code sweep}, {@code scrub}, {@code lifecycle}. */
    String kind();

    /** How often a pass starts (a pass slower than this skips the ticks it spans). */
    Duration interval();

    /** One bounded batch; blocking, never on an event loop. */
    Step step() throws Exception;

    /** Work known to be waiting, in the kind's own unit (README, "Background jobs"); cheap to read. */
    long backlog();

    /**
     * Where passes run in a cluster (DESIGN.md, "Background work": the Raft leader schedules).
     * {@link Scope#LEADER}, the default, for work whose effects are catalogue commands (GC's queue,
     * lifecycle): one node, the leader, runs it for the whole cluster. {@link Scope#EVERY_NODE} for
     * work on a node's own files (the orphan sweep, scrub). A single node runs both.
     */
    default Scope scope() {
        return Scope.LEADER;
    }

    /** See {@link #scope()}. */
    enum Scope { LEADER, EVERY_NODE }

    /**
     * What a step did.
     *
     * @param done items completed (chunks deleted or read, objects expired, …)
     * @param more true when another step is due now; false ends the pass
     */
    record Step(long done, boolean more) {}
}

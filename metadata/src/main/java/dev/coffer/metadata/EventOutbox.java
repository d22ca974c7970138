package dev.coffer.metadata;

import java.util.List;
import java.util.Objects;

/**
 * The outbox of event notifications, as the delivery job sees it: the events the applier wrote
 * in the batches of the changes they describe, read per target, and removed by a command of
 * their own (kind 66) once delivered or dropped.
 */
public final class EventOutbox {
    private final Outbox outbox;
    private final CommandRunner runner;
    private final Runnable openCheck;

    EventOutbox(Outbox outbox, CommandRunner runner, Runnable openCheck) {
        this.outbox = outbox;
        this.runner = runner;
        this.openCheck = openCheck;
    }

    /** The targets (ARNs) that have events waiting, in key order. */
    public List<String> targets() {
        openCheck.run();
        return outbox.targets();
    }

    /** Up to {@code max} of the target's waiting events, oldest command first. */
    public List<NotificationEvent> pending(String target, int max) {
        openCheck.run();
        return outbox.pending(Objects.requireNonNull(target, "target"), max);
    }

    /** How many events the target has waiting, counting no further than {@code limit}. */
    public long count(String target, long limit) {
        openCheck.run();
        return outbox.count(Objects.requireNonNull(target, "target"), limit);
    }

    /** Removes events delivered or dropped; a command of its own (kind 66). */
    public void complete(List<NotificationEvent.Key> done) {
        openCheck.run();
        if (!done.isEmpty()) runner.submit(new CatalogCommand.CompleteEvents(runner.choose(), done));
    }
}

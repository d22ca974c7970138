package dev.coffer.metadata;

import java.util.Map;
import java.util.Objects;

/**
 * Event-notification targets added at run time, as the api's admin endpoint sees them: read from
 * the {@code notify-targets} table ({@link NotificationTargets}) and changed by a command of their
 * own (kind 67), so every node of a cluster agrees on them.
 */
public final class RunTimeTargets {
    private final NotificationTargets targets;
    private final CommandRunner runner;
    private final Runnable openCheck;

    RunTimeTargets(NotificationTargets targets, CommandRunner runner, Runnable openCheck) {
        this.targets = targets;
        this.runner = runner;
        this.openCheck = openCheck;
    }

    /** Every target added at run time, by id: each one's settings as the api encoded them. */
    public Map<String, byte[]> all() {
        openCheck.run();
        return targets.all();
    }

    /** Sets ({@code value} not null) or removes a run-time target; a command of its own (kind 67). */
    public void set(String id, byte[] value) {
        openCheck.run();
        runner.submit(new CatalogCommand.SetNotificationTarget(runner.choose(), Objects.requireNonNull(id, "id"), value));
    }
}

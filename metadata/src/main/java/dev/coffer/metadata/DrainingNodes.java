package dev.coffer.metadata;

import java.util.Objects;
import java.util.Set;

/**
 * The cluster nodes marked draining, as chunk placement and the draining endpoint see them: read
 * from the {@code nodes} table ({@link NodeStates}) and changed by a command of their own (kind 70).
 */
public final class DrainingNodes {
    private final NodeStates states;
    private final CommandRunner runner;
    private final Runnable openCheck;

    DrainingNodes(NodeStates states, CommandRunner runner, Runnable openCheck) {
        this.states = states;
        this.runner = runner;
        this.openCheck = openCheck;
    }

    /** The nodes marked draining (they receive no new chunk replicas), in id order. */
    public Set<String> all() {
        openCheck.run();
        return states.draining();
    }

    /** Marks a node draining, or clears the mark; a command of its own (kind 70). */
    public void set(String node, boolean draining) {
        openCheck.run();
        runner.submit(new CatalogCommand.SetNodeDraining(runner.choose(), Objects.requireNonNull(node, "node"), draining));
    }
}

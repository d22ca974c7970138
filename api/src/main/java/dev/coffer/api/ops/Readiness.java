package dev.coffer.api.ops;

import org.springframework.context.SmartLifecycle;

/**
 * Live and ready. Live from the first served request; ready from the moment every singleton
 * (the RocksDB catalogue among them) is open and the server listens, until shutdown starts.
 * Its phase is the highest, so it starts after the web server and stops before the graceful
 * shutdown drains requests: a load balancer sees 503 and moves away while in-flight requests
 * still finish.
 */
public final class Readiness implements SmartLifecycle {
    /** The states a probe can observe, in order. */
    public enum State { STARTING, READY, STOPPING }

    private volatile State state = State.STARTING;

    public State state() {
        return state;
    }

    public boolean ready() {
        return state == State.READY;
    }

    @Override
    public void start() {
        state = State.READY;
    }

    @Override
    public void stop() {
        state = State.STOPPING;
    }

    @Override
    public boolean isRunning() {
        return state == State.READY;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}

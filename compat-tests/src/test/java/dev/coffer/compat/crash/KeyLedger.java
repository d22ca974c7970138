package dev.coffer.compat.crash;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What each key may show after a crash. Each key is written by one client thread only, so its
 * requests are sequential and at most one is in flight when the server dies. A key may then show
 * the result of its last acknowledged request, or of the one in flight (which may or may not have
 * committed); nothing else. {@code Optional.empty()} stands for "no object" (never written, or
 * deleted).
 */
public final class KeyLedger {
    private static final class KeyState {
        Optional<Payload> acknowledged = Optional.empty();
        Optional<Payload> inFlight; // null when nothing is in flight
    }

    private final Map<String, KeyState> keys = new TreeMap<>();
    private int putsAcknowledged;
    private int deletesAcknowledged;

    /** A request for {@code key} is about to be sent; {@code result} is what it leaves if it commits. */
    public synchronized void begin(String key, Optional<Payload> result) {
        KeyState state = keys.computeIfAbsent(key, k -> new KeyState());
        if (state.inFlight != null) throw new IllegalStateException("two requests in flight for " + key);
        state.inFlight = result;
    }

    /** The request in flight for {@code key} was answered 2xx. */
    public synchronized void acknowledge(String key) {
        KeyState state = keys.get(key);
        state.acknowledged = state.inFlight;
        state.inFlight = null;
        if (state.acknowledged.isPresent()) putsAcknowledged++; else deletesAcknowledged++;
    }

    /** The versions {@code key} may show now: the acknowledged one, and the one in flight if any. */
    public synchronized Set<Optional<Payload>> allowed(String key) {
        KeyState state = keys.get(key);
        Set<Optional<Payload>> allowed = new LinkedHashSet<>();
        allowed.add(state.acknowledged);
        if (state.inFlight != null) allowed.add(state.inFlight);
        return allowed;
    }

    /** Whether a request was still in flight for {@code key} when the server died. */
    public synchronized boolean wasInFlight(String key) {
        return keys.get(key).inFlight != null;
    }

    /** After a verified restart, what {@code key} showed is what it holds: the new baseline. */
    public synchronized void settle(String key, Optional<Payload> observed) {
        KeyState state = keys.get(key);
        state.acknowledged = observed;
        state.inFlight = null;
    }

    public synchronized Set<String> keys() {
        return Set.copyOf(keys.keySet());
    }

    public synchronized int putsAcknowledged() {
        return putsAcknowledged;
    }

    public synchronized int deletesAcknowledged() {
        return deletesAcknowledged;
    }
}

package dev.coffer.compat.cluster;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A Jepsen-style history of operations on a map of registers (object key → the value last
 * written), and a Knossos-style check that it is linearizable: that some total order of the
 * operations, consistent with real time (an operation that completed before another began comes
 * first), explains every read. Keys are independent registers, so each is checked on its own.
 *
 * <p>Each operation is recorded with its invocation and completion times. A write whose outcome
 * is unknown (the connection broke after it was sent) may have taken effect at any instant after
 * it began, or never: it has no completion time and is optional. A write refused before it
 * reached the server, and a failed read, are not recorded at all.
 *
 * <p>The search is Wing and Gong's, with Lowe's memo of (linearized set, register value): at
 * each step, any pending operation that began before every remaining completed operation
 * ended may take effect next. Histories of a few dozen operations per key check in milliseconds.
 */
final class RegisterHistory {
    /** One operation. {@code completed} is {@link Long#MAX_VALUE} for a write of unknown outcome. */
    record Op(String key, boolean write, String value, long invoked, long completed, String who) {
        boolean unknown() {
            return completed == Long.MAX_VALUE;
        }

        @Override
        public String toString() {
            return who + " " + (write ? "write " : "read ") + key + "=" + value + " ["
                    + invoked + ", " + (unknown() ? "?" : completed) + "]";
        }
    }

    private final List<Op> ops = Collections.synchronizedList(new ArrayList<>());

    void write(String key, String value, long invoked, long completed, String who) {
        ops.add(new Op(key, true, value, invoked, completed, who));
    }

    void writeUnknown(String key, String value, long invoked, String who) {
        ops.add(new Op(key, true, value, invoked, Long.MAX_VALUE, who));
    }

    /** A read that found {@code value} (null: the key did not exist). */
    void read(String key, String value, long invoked, long completed, String who) {
        ops.add(new Op(key, false, value, invoked, completed, who));
    }

    int size() {
        return ops.size();
    }

    /** Null if every key's history is linearizable, else a description of the first that is not. */
    String violation() {
        Map<String, List<Op>> byKey = new TreeMap<>();
        synchronized (ops) {
            for (Op op : ops) byKey.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(op);
        }
        for (Map.Entry<String, List<Op>> e : byKey.entrySet()) {
            if (!linearizable(e.getValue())) {
                StringBuilder out = new StringBuilder("no linearization of key " + e.getKey() + ":\n");
                e.getValue().stream().sorted(java.util.Comparator.comparingLong(Op::invoked))
                        .forEach(op -> out.append("  ").append(op).append('\n'));
                return out.toString();
            }
        }
        return null;
    }

    /** Whether one register's history (starting absent) has a linearization. */
    static boolean linearizable(List<Op> history) {
        if (history.size() > 120) {
            throw new IllegalArgumentException("history too long for the search: " + history.size());
        }
        List<Op> sorted = new ArrayList<>(history);
        sorted.sort(java.util.Comparator.comparingLong(Op::invoked));
        return search(sorted, new java.util.BitSet(sorted.size()), null, new HashSet<>());
    }

    private static boolean search(List<Op> ops, java.util.BitSet done, String value, Set<String> seen) {
        long earliestEnd = Long.MAX_VALUE; // of the required (completed) operations still pending
        boolean anyRequired = false;
        for (int i = done.nextClearBit(0); i < ops.size(); i = done.nextClearBit(i + 1)) {
            Op op = ops.get(i);
            if (!op.unknown()) {
                anyRequired = true;
                earliestEnd = Math.min(earliestEnd, op.completed());
            }
        }
        if (!anyRequired) {
            return true; // what remains are writes of unknown outcome: they may never have happened
        }
        if (!seen.add(done + "|" + value)) {
            return false;
        }
        for (int i = done.nextClearBit(0); i < ops.size(); i = done.nextClearBit(i + 1)) {
            Op op = ops.get(i);
            if (op.invoked() > earliestEnd) {
                break; // sorted by invocation: nothing later may come before the earliest end
            }
            if (!op.write() && !java.util.Objects.equals(op.value(), value)) {
                continue;
            }
            done.set(i);
            boolean ok = search(ops, done, op.write() ? op.value() : value, seen);
            done.clear(i);
            if (ok) {
                return true;
            }
        }
        return false;
    }
}

package dev.coffer.api.cluster;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * What a chunk's replica set should become (docs/cluster.md, "Re-replication"), as a pure function
 * of the set the catalogue names, the group's members, the nodes marked draining, the members
 * presumed dead and R. A node counts as a good replica while it is a member, not draining and not
 * presumed dead; a member that is down still counts until it is presumed dead (not heard from for
 * {@code coffer.cluster.dead-after}), removed, or its own audit reports the chunk missing. The
 * target is min(R, members neither draining nor presumed dead).
 *
 * @param members the group's members now (the committed Raft configuration) that have a chunk port
 * @param draining the nodes marked draining (kind 70)
 * @param dead the members presumed dead: named in a set until they answer again (then counted
 *     again, and a copy beyond the target leaves), never asked to delete
 * @param replicas R ({@code coffer.cluster.replicas})
 */
record ReplicaSets(Set<String> members, Set<String> draining, Set<String> dead, int replicas) {

    /** With no member presumed dead. */
    ReplicaSets(Set<String> members, Set<String> draining, int replicas) {
        this(members, draining, Set.of(), replicas);
    }

    /** How many good replicas every chunk should have. */
    int target() {
        return (int) Math.min(replicas, members.stream().filter(this::takes).count());
    }

    /** The good replicas among {@code nodes}. */
    int good(List<String> nodes) {
        return (int) nodes.stream().filter(this::takes).count();
    }

    /** Whether a chunk held by {@code nodes} has fewer good replicas than the target (a chunk naming none is a single node's, never). */
    boolean below(List<String> nodes) {
        return !nodes.isEmpty() && good(nodes) < target();
    }

    /** Where a new replica of {@code chunkId} may go: members not draining that do not hold it, in an order drawn from the id. */
    List<String> candidates(String chunkId, List<String> nodes) {
        List<String> out = new ArrayList<>();
        for (String node : members) if (takes(node) && !nodes.contains(node)) out.add(node);
        out.sort(Comparator.comparingInt((String node) -> (chunkId + "/" + node).hashCode()).thenComparing(n -> n));
        return out;
    }

    /**
     * The set {@code nodes} should settle to: non-members leave it; members presumed dead stay
     * (uncounted: their copy counts again if they answer); draining nodes leave it once R good
     * replicas hold the chunk (not merely the target: with too few other members a draining node's
     * copy is kept); good replicas beyond the target (the last named) leave it. The nodes that
     * leave and are members hold a copy to delete.
     */
    List<String> settled(List<String> nodes) {
        List<String> out = new ArrayList<>();
        boolean met = good(nodes) >= replicas;
        int kept = 0;
        for (String node : nodes) {
            if (!members.contains(node)) continue;
            if (dead.contains(node)) {
                out.add(node);
                continue;
            }
            if (draining.contains(node)) {
                if (!met) out.add(node);
                continue;
            }
            if (kept < target()) {
                out.add(node);
                kept++;
            }
        }
        return out;
    }

    /** A member neither draining nor presumed dead: its replica counts, and it may receive one. */
    private boolean takes(String node) {
        return members.contains(node) && !draining.contains(node) && !dead.contains(node);
    }
}

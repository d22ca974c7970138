package dev.coffer.cluster;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One node's view of the catalogue's Raft group, read from Ratis's division info (for
 * {@code /_coffer/health} and the metrics).
 *
 * @param node this node's id
 * @param role Ratis's role: {@code leader}, {@code follower}, {@code candidate}, {@code listener}
 * @param term the Raft term this node is in
 * @param commitIndex the last log index this node knows to be committed
 * @param appliedIndex the last log index this node's state machine applied (entries that change no
 *     catalogue row, as Ratis's own configuration and metadata entries, count too)
 * @param leader the leader's id, if this node knows one
 * @param members every member of the group's current configuration, this node included
 * @param lastContactMillis for each peer this node talks to, milliseconds since its last answered
 *     RPC: on the leader every follower, on a follower its leader. Followers do not talk to each
 *     other, so a follower knows nothing of the others.
 */
public record RaftStatus(String node, String role, long term, long commitIndex, long appliedIndex,
        Optional<String> leader, Set<String> members, Map<String, Long> lastContactMillis) {

    public RaftStatus {
        members = Set.copyOf(members);
        lastContactMillis = Map.copyOf(lastContactMillis);
    }

    /** A peer counts as reachable when it answered within this: a few heartbeats (election timeouts are 1–2 s). */
    public static final long REACHABLE_MILLIS = 5_000;

    /** Whether this node heard from {@code peer} lately; empty when this node does not talk to it. */
    public Optional<Boolean> reachable(String peer) {
        Long ms = lastContactMillis.get(peer);
        return ms == null ? Optional.empty() : Optional.of(ms >= 0 && ms <= REACHABLE_MILLIS);
    }
}

package dev.coffer.api.cluster;

import dev.coffer.cluster.RaftStatus;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

/**
 * The members presumed dead (docs/cluster.md, "A node that does not come back"): on the Raft
 * leader, which hears from every follower, those it has not heard from for {@code
 * coffer.cluster.dead-after} (since it became leader, for one never heard). A follower hears only
 * from its leader, so it presumes no one dead. Ratis's contact times, no failure detector of ours.
 */
public final class PresumedDead {
    private PresumedDead() {}

    /** The members {@code status}'s node has not heard from for longer than {@code after}; empty off the leader. */
    public static Set<String> among(RaftStatus status, Duration after) {
        Set<String> out = new TreeSet<>();
        if (!status.role().equals("leader")) return out;
        status.lastContactMillis().forEach((peer, ms) -> {
            if (!peer.equals(status.node()) && status.members().contains(peer) && ms > after.toMillis()) out.add(peer);
        });
        return out;
    }
}

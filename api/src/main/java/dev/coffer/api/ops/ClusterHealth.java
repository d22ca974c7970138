package dev.coffer.api.ops;

import dev.coffer.api.cluster.ClusterRuntime;
import dev.coffer.api.cluster.PresumedDead;
import dev.coffer.cluster.ClusterNode;
import dev.coffer.cluster.RaftStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * This node's part of the cluster, for {@code /_coffer/health} (a {@code "cluster"} object) and
 * {@code /_coffer/metrics} ({@code coffer_cluster_*}): its role, the Raft term, commit and applied
 * index, which peers answered lately and, on the leader, which it presumes dead (docs/cluster.md,
 * "Watching it", "A node that does not come back"). Nothing on a single
 * node. Ratis's getters read memory only; the view is kept for half a second so a scrape and a
 * health check do not each ask.
 */
public final class ClusterHealth {
    private static final long KEEP_NANOS = 500_000_000L;

    private final ClusterRuntime runtime;
    private final LongSupplier replicaBacklog;
    private final Duration deadAfter;
    private final Set<String> peerGauges = ConcurrentHashMap.newKeySet();
    private MeterRegistry registry;
    private volatile Snapshot last;

    private record Snapshot(long at, Optional<RaftStatus> status, String failure) {}

    /**
     * @param replicaBacklog chunks with fewer good replicas than the target, as of this node's last audit pass
     * @param deadAfter {@code coffer.cluster.dead-after}: a member the leader has not heard from for longer is presumed dead
     */
    public ClusterHealth(ClusterRuntime runtime, LongSupplier replicaBacklog, Duration deadAfter) {
        this.runtime = runtime;
        this.replicaBacklog = replicaBacklog;
        this.deadAfter = deadAfter;
    }

    /** Registers the gauges, one per peer for reachability (a peer added later gets its own at the next look). */
    public ClusterHealth register(MeterRegistry registry) {
        if (runtime.node().isEmpty()) return this;
        this.registry = registry;
        gauge("coffer.cluster.leader", "1 while this node is the Raft leader", s -> s.role().equals("leader") ? 1 : 0);
        gauge("coffer.cluster.leader.known", "1 while this node knows a leader (0: no quorum or an election)",
                s -> s.leader().isPresent() ? 1 : 0);
        gauge("coffer.cluster.term", "the Raft term this node is in", RaftStatus::term);
        gauge("coffer.cluster.commit.index", "the last Raft log index this node knows committed", RaftStatus::commitIndex);
        gauge("coffer.cluster.applied.index", "the last Raft log index this node applied", RaftStatus::appliedIndex);
        gauge("coffer.cluster.members", "members of the group's current configuration", s -> s.members().size());
        Gauge.builder("coffer.cluster.replica.backlog", replicaBacklog, LongSupplier::getAsLong)
                .description("chunks with fewer good replicas than min(R, members not draining), as of this node's "
                        + "last replica audit pass").register(registry);
        status();
        return this;
    }

    private void gauge(String name, String description, ToDoubleFunction<RaftStatus> value) {
        Gauge.builder(name, this, h -> h.status().map(value::applyAsDouble).orElse(Double.NaN))
                .description(description).register(registry);
    }

    private void peerGauges(RaftStatus status) {
        if (registry == null) return;
        for (String peer : status.members()) {
            if (peer.equals(status.node()) || !peerGauges.add(peer)) continue;
            Gauge.builder("coffer.cluster.peer.reachable", this, h -> h.status()
                            .flatMap(s -> s.reachable(peer)).map(r -> r ? 1.0 : 0.0).orElse(Double.NaN))
                    .description("1 if the peer answered this node within 5 s, 0 if not; NaN where this node does not "
                            + "talk to it (a follower talks to its leader only)")
                    .tag("peer", peer).register(registry);
            Gauge.builder("coffer.cluster.peer.last.contact.seconds", this, h -> h.status()
                            .map(s -> s.lastContactMillis().get(peer)).map(ms -> ms / 1000.0).orElse(Double.NaN))
                    .description("seconds since the peer last answered this node's Raft RPC").tag("peer", peer)
                    .register(registry);
            Gauge.builder("coffer.cluster.peer.presumed.dead", this, h -> h.status().map(s -> !s.role().equals("leader")
                            ? Double.NaN : PresumedDead.among(s, deadAfter).contains(peer) ? 1.0 : 0.0).orElse(Double.NaN))
                    .description("on the leader, 1 while the peer is presumed dead (not heard from for "
                            + "coffer.cluster.dead-after: its replicas stop counting); NaN on a follower").tag("peer", peer)
                    .register(registry);
        }
    }

    /** This node's view, at most half a second old; empty on a single node or when Ratis cannot tell. */
    public Optional<RaftStatus> status() {
        return snapshot().status();
    }

    private Snapshot snapshot() {
        Optional<ClusterNode> node = runtime.node();
        if (node.isEmpty()) return new Snapshot(0, Optional.empty(), null);
        Snapshot s = last;
        long now = System.nanoTime();
        if (s != null && now - s.at() < KEEP_NANOS) return s;
        try {
            RaftStatus status = node.get().status();
            s = new Snapshot(now, Optional.of(status), null);
            peerGauges(status);
        } catch (Exception e) {
            s = new Snapshot(now, Optional.empty(), String.valueOf(e.getMessage()));
        }
        last = s;
        return s;
    }

    /** {@code ,"cluster":{…}} for the health document, or nothing on a single node. */
    public String json() {
        if (runtime.node().isEmpty()) return "";
        Snapshot s = snapshot();
        if (s.status().isEmpty()) return ",\"cluster\":{\"error\":" + OpsResponses.jsonString(s.failure()) + "}";
        RaftStatus st = s.status().get();
        boolean leads = st.role().equals("leader");
        Set<String> dead = PresumedDead.among(st, deadAfter);
        String peers = st.members().stream().filter(p -> !p.equals(st.node())).sorted().map((String p) -> OpsResponses.jsonString(p)
                + ":{\"reachable\":" + st.reachable(p).map(String::valueOf).orElse("null")
                + ",\"lastContactMs\":" + Optional.ofNullable(st.lastContactMillis().get(p)).map(String::valueOf).orElse("null")
                + ",\"presumedDead\":" + (leads ? String.valueOf(dead.contains(p)) : "null")
                + "}").collect(Collectors.joining(","));
        return ",\"cluster\":{\"node\":" + OpsResponses.jsonString(st.node())
                + ",\"role\":" + OpsResponses.jsonString(st.role())
                + ",\"leader\":" + st.leader().map(OpsResponses::jsonString).orElse("null")
                + ",\"term\":" + st.term() + ",\"commitIndex\":" + st.commitIndex() + ",\"appliedIndex\":" + st.appliedIndex()
                + ",\"replicaBacklog\":" + replicaBacklog.getAsLong()
                + ",\"peers\":{" + peers + "}}";
    }

    /** What is wrong with this node's part of the cluster, in words; empty when nothing is (or on a single node). */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        if (runtime.node().isEmpty()) return out;
        Snapshot s = snapshot();
        if (s.status().isEmpty()) {
            out.add("cluster: Raft status unknown: " + s.failure());
            return out;
        }
        RaftStatus st = s.status().get();
        if (st.leader().isEmpty()) out.add("cluster: this node knows no leader (no quorum, or an election is on)");
        Set<String> dead = PresumedDead.among(st, deadAfter);
        for (String peer : st.lastContactMillis().keySet()) {
            if (dead.contains(peer)) {
                out.add("cluster: " + peer + " presumed dead: it has not answered for " + st.lastContactMillis().get(peer) / 1000
                        + " s (coffer.cluster.dead-after " + deadAfter.toSeconds() + " s); its replicas are copied to other"
                        + " members while there are more than R");
            } else if (st.reachable(peer).equals(Optional.of(false))) {
                out.add("cluster: " + peer + " has not answered for " + st.lastContactMillis().get(peer) / 1000 + " s");
            }
        }
        return out;
    }
}

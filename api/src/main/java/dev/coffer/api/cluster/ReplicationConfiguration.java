package dev.coffer.api.cluster;

import dev.coffer.api.config.ClusterProperties;
import dev.coffer.api.config.RootCredentials;
import dev.coffer.cluster.ClusterNode;
import dev.coffer.metadata.Catalog;
import dev.coffer.storage.ChunkStore;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Re-replication and the replica audit (docs/cluster.md, "Re-replication"): background jobs of a
 * cluster node only; a single node has neither.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "coffer.cluster", name = "enabled", havingValue = "true")
public class ReplicationConfiguration {
    /** The audit's job kind, whose backlog is this node's replica backlog in health and metrics. */
    public static final String AUDIT_JOB = "replica-audit";

    /** The members (with a chunk port), draining marks, members presumed dead (on the leader) and R as this node sees them now. */
    private static Supplier<ReplicaSets> view(ClusterRuntime runtime, ClusterProperties cluster, Catalog catalog,
                                              PeerChunks peers) {
        ClusterNode node = runtime.node().orElseThrow();
        return () -> {
            Set<String> members = new HashSet<>();
            try {
                members.addAll(node.members().keySet());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("this node cannot tell the group's members", e);
            }
            members.removeIf(member -> !peers.knows(member));
            Set<String> dead;
            try {
                dead = PresumedDead.among(node.status(), cluster.deadAfter());
            } catch (IOException e) {
                dead = Set.of(); // presumes no one dead when it cannot tell
            }
            return new ReplicaSets(members, catalog.drainingNodes().all(), dead, cluster.replicas());
        };
    }

    @Bean
    ReplicaAudit replicaAudit(ClusterRuntime runtime, ClusterProperties cluster, Catalog catalog, ChunkStore chunks,
                              RootCredentials root, ChunkTraffic traffic) {
        PeerChunks peers = ClusterConfiguration.peerChunks(cluster, root, catalog, traffic, runtime.node().orElseThrow());
        return new ReplicaAudit(catalog, chunks, cluster.nodeId(), view(runtime, cluster, catalog, peers),
                cluster.repairInterval());
    }

    @Bean
    Rereplication rereplication(ClusterRuntime runtime, ClusterProperties cluster, Catalog catalog, ChunkStore chunks,
                                RootCredentials root, ChunkTraffic traffic) {
        PeerChunks peers = ClusterConfiguration.peerChunks(cluster, root, catalog, traffic, runtime.node().orElseThrow());
        return new Rereplication(catalog, chunks, cluster.nodeId(), peers, view(runtime, cluster, catalog, peers),
                cluster.repairBytesPerSecond(), cluster.repairInterval());
    }
}

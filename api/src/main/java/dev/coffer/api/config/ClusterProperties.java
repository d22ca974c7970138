package dev.coffer.api.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code coffer.cluster.*} settings (docs/cluster.md). Off by default: a single node runs
 * with no Raft at all.
 *
 * @param enabled run as one node of a cluster whose catalogue is replicated by Apache Ratis
 * @param nodeId this node's id in the group
 * @param peers every member as {@code id=host:port} (the Raft port), comma-separated, this node's
 *     included; its own entry is the address its Raft server listens on
 * @param join start outside the group and wait for a member to add this node at run time
 * @param chunkPeers every member's chunk port ({@code id=host:port}, comma-separated), where its
 *     chunk transfer endpoint answers over mutual TLS; must name every member of {@code peers};
 *     this node's chunk port listens on the port of its own entry
 * @param replicas R: the nodes each chunk is written to (fewer while fewer members answer)
 * @param snapshotEvery take a catalogue snapshot every this many log entries
 * @param logSegmentSize bytes of one Raft log segment (only whole segments before a snapshot are purged)
 * @param repairBytesPerSecond how fast re-replication copies chunk bytes, node to node (bytes/s)
 * @param repairInterval how often re-replication (on the leader) and the replica audit (on every
 *     node) start a pass over every chunk
 * @param deadAfter a member the leader has not heard from for this long is presumed dead: its
 *     replicas stop counting (and are copied to other members while there are more than R) until it
 *     answers again
 * @param bindAddress the address the Raft port and the chunk port listen on; empty: the S3 port's
 *     ({@code server.address}), which by default is every interface
 * @param tls the Raft port's and the chunk port's mutual TLS (docs/cluster.md, "Certificates"): a cluster
 *     node does not start without it
 */
@ConfigurationProperties("coffer.cluster")
public record ClusterProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("") String nodeId,
        @DefaultValue("") String peers,
        @DefaultValue("false") boolean join,
        @DefaultValue("") String chunkPeers,
        @DefaultValue("3") int replicas,
        @DefaultValue("10000") long snapshotEvery,
        @DefaultValue("8388608") long logSegmentSize,
        @DefaultValue("16777216") long repairBytesPerSecond,
        @DefaultValue("1m") java.time.Duration repairInterval,
        @DefaultValue("15m") java.time.Duration deadAfter,
        @DefaultValue("") String bindAddress,
        @DefaultValue Tls tls) {

    /**
     * {@code coffer.cluster.tls.*}: PKCS12 files (scripts/cluster-certs.sh makes them).
     *
     * @param keyStore this node's private key and certificate chain, signed by the cluster's CA
     *     and naming the host of its own {@code peers} and {@code chunk-peers} entries
     * @param trustStore the cluster CA's certificate
     * @param password of both stores
     */
    public record Tls(@DefaultValue("") String keyStore, @DefaultValue("") String trustStore, @DefaultValue("") String password) {
        @Override
        public String toString() {
            return "Tls[keyStore=" + keyStore + ", trustStore=" + trustStore + ", password=****]";
        }
    }

    public ClusterProperties {
        if (repairBytesPerSecond < 1) throw new IllegalArgumentException("coffer.cluster.repair-bytes-per-second must be at least 1");
        if (deadAfter.toSeconds() < 1) throw new IllegalArgumentException("coffer.cluster.dead-after must be at least 1s");
    }
}

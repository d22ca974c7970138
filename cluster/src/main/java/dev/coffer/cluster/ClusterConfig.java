package dev.coffer.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One node's place in the cluster (the {@code coffer.cluster.*} settings).
 *
 * @param nodeId this node's id, unique in the group (letters, digits, '-', '_')
 * @param peers every member's Raft address ({@code host:port}) by node id, this node's included;
 *     a node that joins a running group lists itself alone and is added by an admin call
 * @param storage where this node keeps its Raft log, snapshots and scratch checkpoints
 * @param snapshotEvery take a snapshot (a RocksDB checkpoint) every this many log entries; the
 *     log before it is purged, so a member further behind receives the snapshot
 * @param segmentBytes the size of one Raft log segment: only whole closed segments are purged
 * @param join true: start outside the group and wait to be added ({@link ClusterNode#addMember})
 * @param sharedSecret the root secret every member holds: members seal their log entries with a
 *     key derived from it ({@link ProposalSeal}); never shown by {@link #toString}
 * @param idleTimeout a connection to the Raft port with no call in progress for this long is
 *     closed (members' clients open a new one when they next call)
 * @param tls the Raft port's mutual TLS: only a caller with a certificate of the cluster's CA is
 *     answered ({@link ClusterTls})
 * @param bindHost the address the Raft port listens on; empty: every interface
 */
public record ClusterConfig(String nodeId, Map<String, String> peers, Path storage, long snapshotEvery,
        long segmentBytes, boolean join, String sharedSecret, Duration idleTimeout, ClusterTls tls,
        String bindHost) {
    public static final long DEFAULT_SNAPSHOT_EVERY = 10_000;
    public static final long DEFAULT_SEGMENT_BYTES = 8L << 20;

    public ClusterConfig {
        Objects.requireNonNull(nodeId, "node id");
        if (!nodeId.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("node id must be letters, digits, '-' or '_': " + nodeId);
        }
        peers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(peers));
        if (!peers.containsKey(nodeId)) {
            throw new IllegalArgumentException("peers must list this node (" + nodeId + ") with its Raft address");
        }
        for (String address : peers.values()) {
            address(address);
        }
        Objects.requireNonNull(storage, "storage");
        if (sharedSecret == null || sharedSecret.isEmpty()) {
            throw new IllegalArgumentException("a cluster node needs the root secret every member shares");
        }
        if (idleTimeout == null || idleTimeout.isZero() || idleTimeout.isNegative()) {
            throw new IllegalArgumentException("the Raft port's idle timeout must be positive: " + idleTimeout);
        }
        Objects.requireNonNull(tls, "the Raft port's TLS");
        bindHost = bindHost == null ? "" : bindHost.trim();
    }

    @Override
    public String toString() {
        return "ClusterConfig[nodeId=" + nodeId + ", peers=" + peers + ", storage=" + storage + ", snapshotEvery="
                + snapshotEvery + ", segmentBytes=" + segmentBytes + ", join=" + join + ", sharedSecret=****, idleTimeout=" + idleTimeout + ", bindHost=" + bindHost + "]";
    }

    /** This node's Raft address. */
    public String address() {
        return peers.get(nodeId);
    }

    /**
     * Parses a peers setting: {@code id=host:port} pairs separated by commas
     * ({@code n1=127.0.0.1:9870,n2=127.0.0.1:9871}).
     */
    public static Map<String, String> parsePeers(String text) {
        Map<String, String> peers = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) continue;
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("a peer is id=host:port, not '" + p + "'");
            }
            peers.put(p.substring(0, eq).trim(), p.substring(eq + 1).trim());
        }
        return peers;
    }

    static int port(String address) {
        return Integer.parseInt(address(address)[1]);
    }

    private static String[] address(String address) {
        int colon = address.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("a Raft address is host:port, not '" + address + "'");
        }
        String port = address.substring(colon + 1);
        if (!port.matches("[0-9]{1,5}")) {
            throw new IllegalArgumentException("a Raft address is host:port, not '" + address + "'");
        }
        return new String[] {address.substring(0, colon), port};
    }
}

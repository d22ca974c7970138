package dev.coffer.api.cluster;

import dev.coffer.storage.ChunkId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * Where a chunk's other replicas go (docs/cluster.md, "Placement"): weighted rendezvous hashing
 * over the members that are neither this node nor draining, each weighted by its free bytes. A
 * node's score for a chunk is {@code -ln(u) / free}, with {@code u} in (0, 1) drawn from a hash of
 * the chunk id and the node id; the lowest scores come first. So a node is first for a share of
 * the chunks proportional to its free space, the order for one chunk is the same wherever it is
 * computed with the same figures, and no node appears twice.
 */
final class Placement {
    private Placement() {}

    /**
     * The candidates for {@code id}'s replicas other than {@code self}, best first.
     *
     * @param members the group's members (this node may be among them)
     * @param draining nodes that receive no new replica
     * @param free each node's usable bytes as last reported (at least 1 is used)
     */
    static List<String> order(ChunkId id, String self, List<String> members, Set<String> draining,
                              ToLongFunction<String> free) {
        List<String> out = new ArrayList<>();
        for (String node : members) {
            if (!node.equals(self) && !draining.contains(node) && !out.contains(node)) out.add(node);
        }
        out.sort(Comparator.comparingDouble((String node) -> score(id, node, free.applyAsLong(node)))
                .thenComparing(node -> node));
        return out;
    }

    private static double score(ChunkId id, String node, long free) {
        return -Math.log(uniform(id.value() + "/" + node)) / Math.max(1, free);
    }

    /** A number in (0, 1) drawn from {@code key}: the first 53 bits of its SHA-256. */
    static double uniform(String key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            long bits = ByteBuffer.wrap(hash).getLong() >>> 11;
            return (bits + 0.5) / (1L << 53);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}

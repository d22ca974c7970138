package dev.coffer.api.cluster;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.cluster.ClusterNode;
import java.io.IOException;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * This process's cluster membership, or none (a single node). Closed before the catalogue, so the
 * Raft server stops applying before RocksDB closes.
 */
public final class ClusterRuntime implements AutoCloseable {
    private final ClusterNode node;

    public ClusterRuntime(ClusterNode node) {
        this.node = node;
    }

    public static ClusterRuntime single() {
        return new ClusterRuntime(null);
    }

    public Optional<ClusterNode> node() {
        return Optional.ofNullable(node);
    }

    /**
     * Completes when a read on this node will see every write acknowledged anywhere before the
     * call (a ReadIndex round); at once on a single node. 503 ServiceUnavailable when this node
     * cannot reach a leader.
     */
    public Mono<Void> readBarrier() {
        if (node == null) {
            return Mono.empty();
        }
        return Mono.fromFuture(node::readBarrier).onErrorMap(e -> S3Exception.of(S3ErrorCode.ServiceUnavailable)
                .withMessage("This node cannot reach the cluster's leader; try another node or later."));
    }

    @Override
    public void close() throws IOException {
        if (node != null) {
            node.close();
        }
    }
}

package dev.coffer.api.cluster;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.cluster.ClusterNode;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * This process's cluster membership, or none (a single node). Closed before the catalogue, so the
 * Raft server stops applying before RocksDB closes.
 */
public final class ClusterRuntime implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ClusterRuntime.class);
    private final ClusterNode node;
    private final List<Thread> waiting = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

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

    /**
     * Runs {@code change} (which proposes through the log) once this node can commit and has
     * caught up: on a single node at once; in a cluster in the background, retried every second
     * while the group has no quorum yet (its nodes start one by one) or this node is not yet a
     * member (a joining node, until it is added and has received the catalogue).
     */
    public void onceMember(String what, Runnable change) {
        if (node == null) {
            change.run();
            return;
        }
        Thread thread = new Thread(() -> {
            while (!closed) {
                try {
                    node.readBarrier().get(60, TimeUnit.SECONDS);
                    change.run();
                    log.info("cluster node {}: done {}", node.nodeId(), what);
                    return;
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    log.debug("cluster node {}: not yet {}: {}", node.nodeId(), what, e.toString());
                }
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "coffer-cluster-once-member");
        thread.setDaemon(true);
        waiting.add(thread);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        waiting.forEach(Thread::interrupt);
        if (node != null) {
            node.close();
        }
    }
}

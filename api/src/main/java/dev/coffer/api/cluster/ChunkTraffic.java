package dev.coffer.api.cluster;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.LongAdder;

/**
 * The chunk bytes this node moved to and from other nodes (docs/cluster.md, "Watching it"):
 * {@code coffer_cluster_chunk_bytes_total{direction="sent"}}, the chunk file bytes it sent in
 * transfers (a write's replicas, a re-replication copy from its own file, a push another node asked
 * for), and {@code {direction="fetched"}}, the replica bytes it read from others by range (a GET
 * with no good local replica). Shared by every transfer client of the node.
 */
final class ChunkTraffic {
    private final LongAdder sent = new LongAdder();
    private final LongAdder fetched = new LongAdder();

    void sent(long bytes) {
        sent.add(bytes);
    }

    void fetched(long bytes) {
        fetched.add(bytes);
    }

    long sent() {
        return sent.sum();
    }

    long fetched() {
        return fetched.sum();
    }

    /** Publishes both counters in {@code registry}. */
    ChunkTraffic bindTo(MeterRegistry registry) {
        FunctionCounter.builder("coffer.cluster.chunk.bytes", sent, LongAdder::sum).tag("direction", "sent")
                .description("chunk file bytes this node sent to other nodes").baseUnit("bytes").register(registry);
        FunctionCounter.builder("coffer.cluster.chunk.bytes", fetched, LongAdder::sum).tag("direction", "fetched")
                .description("replica bytes this node read from other nodes").baseUnit("bytes").register(registry);
        return this;
    }
}

package dev.coffer.api.cluster;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The free space other members report (docs/cluster.md, "Placement"): each member's usable bytes,
 * asked every {@link #EVERY_SECONDS} s ({@code GET /_coffer/chunks}) and told by each chunk it
 * receives (its 201 carries them). A member not heard from yet counts as the mean of the others.
 */
final class PeerSpace implements AutoCloseable {
    static final long EVERY_SECONDS = 10;
    private static final Logger log = LoggerFactory.getLogger(PeerSpace.class);
    private final Map<String, Long> usable = new ConcurrentHashMap<>();
    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "coffer-peer-space");
        t.setDaemon(true);
        return t;
    });

    /** Starts asking {@code members} (all but {@code self} that {@code peers} knows) in the background. */
    PeerSpace(PeerChunks peers, String self, Supplier<List<String>> members) {
        peers.onUsable(usable::put);
        ticks.scheduleWithFixedDelay(() -> {
            for (String node : members.get()) {
                if (node.equals(self) || !peers.knows(node)) continue;
                try {
                    usable.put(node, peers.usable(node));
                } catch (IOException | RuntimeException e) {
                    log.debug("free space of {} not known now: {}", node, e.toString());
                }
            }
        }, 0, EVERY_SECONDS, TimeUnit.SECONDS);
    }

    /** {@code node}'s usable bytes as last reported, else the mean of those known, else 1. */
    long of(String node) {
        Long known = usable.get(node);
        if (known != null) return known;
        return (long) usable.values().stream().mapToLong(Long::longValue).average().orElse(1);
    }

    /** Stops asking; waits a moment for a question in flight (each is bounded by its 5 s timeout). */
    @Override
    public void close() {
        ticks.shutdownNow();
        try {
            ticks.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

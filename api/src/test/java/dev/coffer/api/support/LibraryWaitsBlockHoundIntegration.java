package dev.coffer.api.support;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Two waits on the event loop that belong to the libraries' design, not to a blocking call of
 * Coffer's, allowed in every test JVM of api and compat-tests (which loads this class from api's
 * test jar):
 * <ul>
 *   <li>A chunk transfer's body is read by a blocking thread through Reactor's BlockingIterable
 *       (cluster/BlockingBody); the event loop that delivers each buffer wakes that thread, taking
 *       the iterator's lock for a moment.</li>
 *   <li>Netty 4.2's adaptive buffer allocator, when event loops contend for a magazine while
 *       reading, grows its magazines and frees the old ones under their StampedLock (Netty 4.2.15's
 *       own BlockHound integration allows the pooled allocator's locks but not these yet). Seen in
 *       ClusterChunksTest, where several servers' event loops read transfers at once: 2 runs of 3
 *       failed a healthy replica's stream with "BlockingOperationError: Unsafe#park" in
 *       {@code AdaptivePoolingAllocator$Magazine.free}, from {@code MagazineGroup.tryExpandMagazines},
 *       from the epoll loop's read allocation; the chunk then went whole afterwards.</li>
 * </ul>
 * Loaded by BlockHound through META-INF/services.
 */
public final class LibraryWaitsBlockHoundIntegration implements BlockHoundIntegration {
    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside("reactor.core.publisher.BlockingIterable$SubscriberIterator", "signalConsumer");
        builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$Magazine", "free");
        builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup", "tryExpandMagazines");
    }
}

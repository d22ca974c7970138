package dev.coffer.compat.support;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Netty 4.2's adaptive buffer allocator briefly takes a StampedLock when it grows its magazines
 * under contention, on the event loop itself. That is Netty's own design, not a blocking call of
 * Coffer's, and Netty's BlockHound integration (4.2.15) does not list it yet; without this, a busy
 * upload fails with a BlockingOperationError now and then. Loaded by BlockHound through
 * META-INF/services.
 */
public final class NettyAllocatorBlockHoundIntegration implements BlockHoundIntegration {
    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$Magazine", "free");
        builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup", "tryExpandMagazines");
        // A chunk transfer's body read by a blocking thread (api cluster/BlockingBody): the event loop wakes it.
        builder.allowBlockingCallsInside("reactor.core.publisher.BlockingIterable$SubscriberIterator", "signalConsumer");
    }
}

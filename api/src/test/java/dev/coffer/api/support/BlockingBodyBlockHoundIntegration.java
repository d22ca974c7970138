package dev.coffer.api.support;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * A chunk transfer's body is read by a blocking thread through Reactor's BlockingIterable
 * (cluster/BlockingBody); the event loop that delivers each buffer wakes that thread, taking the
 * iterator's lock for a moment. That is the bridge's design, not a blocking call of Coffer's.
 * Loaded by BlockHound through META-INF/services (compat-tests lists the same allowance).
 */
public final class BlockingBodyBlockHoundIntegration implements BlockHoundIntegration {
    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside("reactor.core.publisher.BlockingIterable$SubscriberIterator", "signalConsumer");
    }
}

package dev.coffer.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Shows that BlockHound (installed by blockhound-junit-platform) is active in this JVM, so a
 * blocking call on a non-blocking thread — the server's event loop included — fails the run.
 */
class BlockHoundCanaryIT {

    @Test
    void blockingCallOnParallelSchedulerIsReportedByBlockHound() {
        Throwable thrown = catchThrowable(() -> Mono.fromCallable(() -> {
            Thread.sleep(1);
            return 1;
        }).subscribeOn(Schedulers.parallel()).block());
        assertThat(thrown).as("BlockHound must reject Thread.sleep on a parallel thread").isNotNull();
        assertThat(causalChainMessages(thrown)).contains("Blocking call");
    }

    @Test
    void blockingCallOnANettyEventLoopIsReportedByBlockHound() throws Exception {
        // The event loops Reactor Netty serves HTTP on (the server uses the global resources).
        io.netty.channel.EventLoopGroup loops = reactor.netty.http.HttpResources.get().onServer(true);
        Throwable thrown = catchThrowable(() -> loops.next().submit(() -> {
            Thread.sleep(1);
            return 1;
        }).get(10, java.util.concurrent.TimeUnit.SECONDS));
        assertThat(thrown).as("BlockHound must reject Thread.sleep on a Netty event loop").isNotNull();
        assertThat(causalChainMessages(thrown)).contains("Blocking call");
    }

    @Test
    void blockingCallOnBoundedElasticSchedulerIsAllowed() {
        assertThat(Mono.fromCallable(() -> {
            Thread.sleep(1);
            return 1;
        }).subscribeOn(Schedulers.boundedElastic()).block()).isEqualTo(1);
    }

    private static String causalChainMessages(Throwable t) {
        StringBuilder out = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            out.append(c).append('\n');
        }
        return out.toString();
    }
}

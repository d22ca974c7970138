package dev.coffer.api.connection;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.WriteTimeoutHandler;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/**
 * Puts {@link ConnectionLimits} on the Reactor Netty server: its own idle timeout for connections
 * between requests, {@link HeaderDeadline} for slow request heads, Netty's write timeout for
 * clients that stop reading, and {@link ConnectionCap}. The body timeout is applied per request
 * by {@link BodyTimeout}, where the S3 error can still be answered; {@link AddressShare} bounds one
 * client address's part of the cap. The customizer is applied to
 * every Netty server of the context (the S3 server and the drive's), and each server gets a cap of
 * its own: one shared cap would remember one listening socket, pause the wrong one, and let the
 * drive's connections take S3's places.
 */
@Configuration(proxyBeanMethods = false)
public class ConnectionConfiguration {

    @Bean
    NettyServerCustomizer connectionLimitsCustomizer(ConnectionLimits limits, ObjectProvider<PrometheusMeterRegistry> meters) {
        long writeTimeoutMillis = Math.max(1, limits.writeTimeout().toMillis());
        AtomicLong refused = new AtomicLong(); // the S3 server's and the drive's, each with shares of its own
        meters.ifAvailable(registry -> FunctionCounter.builder("coffer.connections.refused", refused, AtomicLong::get)
                .tag("reason", "per-address")
                .description("connections closed at once because their client address held its share")
                .register(registry));
        return server -> withLimits(server, limits, new ConnectionCap(limits.maxConnections()),
                new AddressShare(limits.maxPerAddress(), refused), writeTimeoutMillis);
    }

    private static HttpServer withLimits(HttpServer server, ConnectionLimits limits, ConnectionCap cap,
                                         AddressShare share, long writeTimeoutMillis) {
        return server
                .idleTimeout(limits.idleTimeout())
                .doOnBound(cap::bound)
                .doOnChannelInit((observer, channel, remote) -> {
                    cap.opened(channel);
                    share.opened(channel, channel.remoteAddress()); // remote: a client's target, null here
                    ChannelPipeline pipeline = channel.pipeline();
                    // A write still queued after the timeout: the client stopped reading. The
                    // handler closes the channel, which cancels the response and so releases
                    // the download's chunk readers and leases.
                    pipeline.addFirst("coffer.writeTimeout",
                            new WriteTimeoutHandler(writeTimeoutMillis, TimeUnit.MILLISECONDS));
                    pipeline.addAfter(NettyPipeline.HttpCodec, HeaderDeadline.NAME,
                            new HeaderDeadline(limits.headerTimeout()));
                });
    }
}

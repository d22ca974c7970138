package dev.coffer.api.connection;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.WriteTimeoutHandler;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.NettyPipeline;

/**
 * Puts {@link ConnectionLimits} on the Reactor Netty server: its own idle timeout for connections
 * between requests, {@link HeaderDeadline} for slow request heads, Netty's write timeout for
 * clients that stop reading, and {@link ConnectionCap}. The body timeout is applied per request
 * by {@link BodyTimeout}, where the S3 error can still be answered.
 */
@Configuration(proxyBeanMethods = false)
public class ConnectionConfiguration {

    @Bean
    ConnectionCap connectionCap(ConnectionLimits limits) {
        return new ConnectionCap(limits.maxConnections());
    }

    @Bean
    NettyServerCustomizer connectionLimitsCustomizer(ConnectionLimits limits, ConnectionCap cap) {
        long writeTimeoutMillis = Math.max(1, limits.writeTimeout().toMillis());
        return server -> server
                .idleTimeout(limits.idleTimeout())
                .doOnBound(cap::bound)
                .doOnChannelInit((observer, channel, remote) -> {
                    cap.opened(channel);
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

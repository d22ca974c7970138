package dev.coffer.api.server;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/**
 * Keeps the {@code Connection} header off interim (1xx) responses. Reactor Netty's traffic handler
 * stamps {@code connection: close} on every response of a connection the client asked to close,
 * the {@code 100 Continue} included; Node's HTTP parser (llhttp) takes that interim response as
 * the last message of the connection and fails the final one with "Data after `Connection:
 * close`" — the AWS SDK for JavaScript v3 sends {@code Expect: 100-continue} with
 * {@code Connection: close} on every body over 2 MiB. The final response still carries the header
 * and the connection still closes after it. Sits between the HTTP codec and Reactor Netty's
 * handler, so it sees each response as it goes to the wire.
 */
@ChannelHandler.Sharable
public final class InterimResponses extends ChannelOutboundHandlerAdapter {
    static final String NAME = "coffer.interimResponses";
    static final InterimResponses INSTANCE = new InterimResponses();

    private InterimResponses() {
    }

    /** {@code server} with this handler on each connection's pipeline. */
    public static HttpServer install(HttpServer server) {
        return server.doOnChannelInit((observer, channel, remote) -> {
            if (channel.pipeline().get(NettyPipeline.HttpCodec) != null && channel.pipeline().get(NAME) == null) {
                channel.pipeline().addAfter(NettyPipeline.HttpCodec, NAME, INSTANCE);
            }
        });
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse response && isInterim(response.status())) {
            response.headers().remove(HttpHeaderNames.CONNECTION);
        }
        ctx.write(msg, promise);
    }

    /** 1xx except 101, whose {@code Connection: upgrade} is the point of it. */
    static boolean isInterim(HttpResponseStatus status) {
        return status.codeClass() == HttpStatusClass.INFORMATIONAL
                && status.code() != HttpResponseStatus.SWITCHING_PROTOCOLS.code();
    }
}

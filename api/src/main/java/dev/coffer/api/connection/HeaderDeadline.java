package dev.coffer.api.connection;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection whose next request's headers are not complete within the header timeout,
 * counted from when the server starts waiting for them: the connection opened, or the previous
 * response was sent. Reactor Netty's idle timeout restarts at every byte, so a client trickling
 * one header byte at a time (slowloris) would hold the connection for hours; this deadline does
 * not move. Sits right after the HTTP codec, so it sees whole request heads and response ends.
 * Runs on the channel's event loop only (no locking, no blocking: a scheduled task).
 */
final class HeaderDeadline extends ChannelDuplexHandler {
    static final String NAME = "coffer.headerDeadline";

    private final long timeoutNanos;
    /** Request heads decoded and responses ended on this connection; equal means "waiting for a request". */
    private long requests;
    private long responses;
    /** The next LastHttpContent ends an informational (1xx) response, not the request's answer. */
    private boolean informational;
    private ScheduledFuture<?> timer;

    HeaderDeadline(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) arm(ctx);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        arm(ctx);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest) {
            requests++;
            disarm();
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse response && response.status().codeClass() == HttpStatusClass.INFORMATIONAL) {
            // 100 Continue: the request is still being received
            informational = !(msg instanceof LastHttpContent);
            ctx.write(msg, promise);
            return;
        }
        if (msg instanceof LastHttpContent) {
            if (informational) {
                informational = false;
                ctx.write(msg, promise);
                return;
            }
            responses++;
            ChannelPromise sent = promise.unvoid();
            sent.addListener(f -> {
                if (f.isSuccess() && requests == responses) arm(ctx);
            });
            ctx.write(msg, sent);
            return;
        }
        ctx.write(msg, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        disarm();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        disarm();
    }

    private void arm(ChannelHandlerContext ctx) {
        if (timer != null || !ctx.channel().isActive()) return;
        timer = ctx.executor().schedule(() -> {
            timer = null;
            if (requests == responses) ctx.close();
        }, timeoutNanos, TimeUnit.NANOSECONDS);
    }

    private void disarm() {
        if (timer == null) return;
        timer.cancel(false);
        timer = null;
    }
}

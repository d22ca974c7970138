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
 *
 * <p>The task is not cancelled when a request comes and scheduled anew when its response is sent:
 * one task stays scheduled and, when it runs, closes the connection if it is still waiting past
 * its deadline, or schedules itself for what is left of the current wait (as Netty's
 * IdleStateHandler does). A keep-alive connection so costs a task per timeout, not two
 * scheduled-queue operations per request.
 */
final class HeaderDeadline extends ChannelDuplexHandler {
    static final String NAME = "coffer.headerDeadline";

    private final long timeoutNanos;
    /** Request heads decoded and responses ended on this connection; equal means "waiting for a request". */
    private long requests;
    private long responses;
    /** The next LastHttpContent ends an informational (1xx) response, not the request's answer. */
    private boolean informational;
    /** Waiting for a request's headers since the connection opened or the last response was sent. */
    private boolean waiting;
    /** When the current wait runs out, in {@link System#nanoTime()}; meaningful while {@code waiting}. */
    private long deadline;
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
            waiting = false;
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
        if (waiting || !ctx.channel().isActive()) return;
        waiting = true;
        deadline = System.nanoTime() + timeoutNanos;
        if (timer == null) schedule(ctx, timeoutNanos);
    }

    private void schedule(ChannelHandlerContext ctx, long delayNanos) {
        timer = ctx.executor().schedule(() -> expire(ctx), delayNanos, TimeUnit.NANOSECONDS);
    }

    /** The task's turn: close a connection still waiting past its deadline, else wait out what is left. */
    private void expire(ChannelHandlerContext ctx) {
        timer = null;
        if (!waiting || requests != responses || !ctx.channel().isActive()) return;
        long left = deadline - System.nanoTime();
        if (left <= 0) ctx.close();
        else schedule(ctx, left);
    }

    private void disarm() {
        waiting = false;
        if (timer == null) return;
        timer.cancel(false);
        timer = null;
    }
}

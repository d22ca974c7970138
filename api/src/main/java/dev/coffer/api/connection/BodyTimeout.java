package dev.coffer.api.connection;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * A request whose body fails with 400 RequestTimeout when no byte of it arrives for the body
 * timeout, as S3 answers a stalled upload. Every reader of a body (uploads, XML documents, POST
 * forms) reads it through {@link #getBody()}, so each sees the same deadline; the reader's own
 * error path then discards what it stored (an upload's temporary chunk). The error carries
 * {@code Connection: close}: the rest of the body, if it ever comes, is not waited for.
 *
 * <p>The clock starts when the body is subscribed and restarts at each buffer delivered; a buffer
 * held back by the reader (a disk slower than the timeout) counts as a stall too. One timer of
 * Reactor's parallel scheduler per request watches it: when it fires it compares the time of the
 * last buffer with the timeout and either fails the body or waits out the rest (a timer per 8 KiB
 * buffer cost five futex calls per request).
 *
 * <p>A buffer the event loop delivers as the body ends early (the timeout fired, or the reader
 * failed) reaches {@code takeUntilOther}'s serializer after its end and is dropped there
 * (Reactor's onNextDropped, not its discard: reactor/reactor-core#2077, and #4395 for timeout());
 * by default that only logs, so the body's context releases a dropped buffer.
 */
public final class BodyTimeout extends ServerHttpRequestDecorator {
    /** Reactor's context key for a subscription's own onNextDropped hook (Hooks.KEY_ON_NEXT_DROPPED). */
    private static final String ON_NEXT_DROPPED = "reactor.onNextDropped.local";
    private static final Consumer<Object> RELEASE_DROPPED = dropped -> {
        if (dropped instanceof DataBuffer buffer) DataBufferUtils.release(buffer);
    };

    private final Duration timeout;

    private BodyTimeout(ServerHttpRequest delegate, Duration timeout) {
        super(delegate);
        this.timeout = timeout;
    }

    public static ServerHttpRequest apply(ServerHttpRequest request, Duration timeout) {
        return new BodyTimeout(request, timeout);
    }

    @Override
    public Flux<DataBuffer> getBody() {
        Flux<DataBuffer> body = super.getBody();
        return Flux.defer(() -> {
            AtomicLong lastNanos = new AtomicLong(System.nanoTime());
            return body.doOnNext(buffer -> lastNanos.set(System.nanoTime())).takeUntilOther(stall(lastNanos));
        }).contextWrite(Context.of(ON_NEXT_DROPPED, RELEASE_DROPPED));
    }

    /** Never emits; fails with RequestTimeout once nothing has arrived for the timeout since {@code lastNanos}. */
    private Flux<Void> stall(AtomicLong lastNanos) {
        long timeoutNanos = timeout.toNanos();
        return Mono.defer(() -> {
            long left = lastNanos.get() + timeoutNanos - System.nanoTime();
            if (left <= 0) {
                return Mono.<Void>error(S3Exception.of(S3ErrorCode.RequestTimeout).withHeader("Connection", "close"));
            }
            return Mono.delay(Duration.ofNanos(left)).then();
        }).repeat();
    }
}

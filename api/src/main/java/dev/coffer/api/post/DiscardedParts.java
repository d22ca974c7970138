package dev.coffer.api.post;

import java.lang.reflect.Method;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.codec.multipart.PartEvent;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;

/**
 * Releases what a POST form's pipeline drops when the form ends early (a refusal, a client gone, a
 * timeout): Reactor's queues discard what they hold, and the buffers inside are not DataBuffers the
 * receiver's own discard hook could reach. The handler's discard hook, and {@link ParserGate}'s for
 * Spring's reader. Two kinds:
 * <ul>
 *   <li>a {@link PartEvent} waiting in the handler's part windows, or in the reader not yet handed on;
 *   <li>a body token of Spring's multipart parser ({@code MultipartParser$BodyToken}, package-private),
 *       waiting in the parser's own queue: it emits tokens past the demand, and Spring 7.0.8 discards
 *       them without releasing their buffer (spring-projects/spring-framework#37115, merged for a later
 *       version). Drop that half once Spring releases them itself.
 * </ul>
 */
final class DiscardedParts {
    private static final Class<?> BODY_TOKEN;
    private static final Method TOKEN_BUFFER;

    static {
        try {
            BODY_TOKEN = Class.forName("org.springframework.http.codec.multipart.MultipartParser$BodyToken");
            TOKEN_BUFFER = BODY_TOKEN.getMethod("buffer");
            TOKEN_BUFFER.setAccessible(true);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Spring's multipart parser changed: see DiscardedParts", e);
        }
    }

    private DiscardedParts() {
    }

    /** Reactor's discard hook for the form's pipeline; anything else discarded is left alone. */
    static void release(Object discarded) {
        if (discarded instanceof PartEvent event) {
            DataBufferUtils.release(event.content());
        } else if (BODY_TOKEN.isInstance(discarded)) {
            try {
                DataBufferUtils.release((DataBuffer) TOKEN_BUFFER.invoke(discarded));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * Releases the events queued in a part window handed on after the handler's windows were given
     * up ({@link ParserGate}'s {@code Windows}, on its executor), and cancels it: a window never
     * subscribed nor cancelled would keep its form's parts open, and the parser behind them, for ever.
     */
    static void releaseQueued(Flux<PartEvent> part) {
        BaseSubscriber<PartEvent> releasing = new BaseSubscriber<>() {
            @Override
            protected void hookOnNext(PartEvent event) {
                DataBufferUtils.release(event.content());
            }

            @Override
            protected void hookOnError(Throwable failure) {
                // the form's failure, already reported to the handler
            }
        };
        part.subscribe(releasing); // a window hands its queue over as the subscription ends
        releasing.cancel();
    }

    /**
     * Releases the events of a part no one subscribed to and no one will: the form was refused
     * before its reader took the part. They are the part's first event, held by switchOnFirst, and
     * the ones queued in or still coming to its window; left alone, the window drops those that come
     * after it was given up without releasing them.
     */
    static void releaseUnread(Flux<PartEvent> events) {
        events.subscribe(event -> DataBufferUtils.release(event.content()), failure -> { });
    }
}

package dev.coffer.api.post;

import java.util.concurrent.CancellationException;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ReactiveHttpInputMessage;
import org.springframework.http.codec.multipart.PartEvent;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.Context;

/**
 * Runs one POST form's parsing on one {@link SerialExecutor}: every body piece, the body's end,
 * every request for more and every cancel that reach Spring's multipart reader (7.0.8), its part
 * windows and the handler's, one at a time, in order. Spring's parser and the Reactor operators
 * around it (Flux.create's sink, windowUntil, switchOnFirst, concatMap) were written for one
 * thread at a time, and a form refused off the event loop broke that: a cancel on the refusing
 * thread while the loop delivered a piece, or while another thread's request drained the parser's
 * tokens into a window, left a piece queued where no one would release it (the parser's state
 * emptied before the piece went in; a window cancelled before the token was offered to it).
 *
 * <p>No window with events in it is dropped. Cancelled, windowUntil cancels the windows still in
 * its queue with the empty context of a window no one subscribed to, so no discard hook releases
 * what they hold: the reader is therefore never cancelled mid-form but drained ({@link Events}),
 * and the handler's windows, which concatMap takes one at a time, are all asked for and released
 * before windowUntil is cancelled ({@link Windows}).
 *
 * <p>The reader's own discards are released here, except the event last handed on:
 * Spring makes each file event with {@code concatMap(token -> Mono.just(event))}, and Reactor
 * 3.8.8 discards a scalar inner's value when it is cancelled even after emitting it (reactor-core
 * PR 4352): released then, the piece the receiver still holds was read after its release.
 */
final class ParserGate {
    private final SerialExecutor serial = new SerialExecutor(Schedulers.parallel());
    /** Read and written on {@link #serial} only. */
    private boolean cancelled;
    /** The reader's last event handed on: read and written on {@link #serial} only. */
    private Object handedOn;
    /** The form's body as the parser reads it, once subscribed. */
    private volatile Pieces pieces;

    /** The form's body as the parser reads it: each piece, and the end, delivered on the executor. */
    ReactiveHttpInputMessage body(ReactiveHttpInputMessage message) {
        return new ReactiveHttpInputMessage() {
            @Override
            public HttpHeaders getHeaders() {
                return message.getHeaders();
            }

            @Override
            public Flux<DataBuffer> getBody() {
                return message.getBody().transform(Operators.<DataBuffer, DataBuffer>lift((scannable, actual) ->
                        new Pieces(actual)));
            }
        };
    }

    /** The reader's events: its requests and cancel run on the executor, its discards are released as above. */
    Flux<PartEvent> read(Publisher<PartEvent> parts) {
        return Flux.from(parts).transform(Operators.<PartEvent, PartEvent>lift((scannable, actual) -> new Events(actual)));
    }

    /** {@code flux} with its requests and cancel run on the executor: for a part's events in the handler. */
    <T> Flux<T> serial(Flux<T> flux) {
        return flux.hide().transform(Operators.<T, T>lift((scannable, actual) -> new Serial<>(actual)));
    }

    /** The handler's part windows, their requests and cancel run on the executor (see {@link Windows}). */
    Flux<Flux<PartEvent>> windows(Flux<Flux<PartEvent>> parts) {
        return parts.hide().transform(Operators.<Flux<PartEvent>, Flux<PartEvent>>lift((scannable, actual) ->
                new Windows(actual)));
    }

    private void discarded(Object discarded) {
        if (discarded instanceof DataBuffer piece) {
            DataBufferUtils.release(piece);
        } else if (discarded != handedOn) {
            DiscardedParts.release(discarded);
        }
    }

    /** Passes every signal on; the subclasses change some. */
    private static class Relay<T> implements CoreSubscriber<T> {
        final CoreSubscriber<? super T> actual;

        Relay(CoreSubscriber<? super T> actual) {
            this.actual = actual;
        }

        @Override
        public Context currentContext() {
            return actual.currentContext();
        }

        @Override
        public void onSubscribe(Subscription s) {
            actual.onSubscribe(s);
        }

        @Override
        public void onNext(T t) {
            actual.onNext(t);
        }

        @Override
        public void onError(Throwable t) {
            actual.onError(t);
        }

        @Override
        public void onComplete() {
            actual.onComplete();
        }
    }

    /** The body into the parser; a piece that comes after the cancel is released instead. */
    private final class Pieces extends Relay<DataBuffer> {
        private Subscription body;
        /** Whether the parser was told the body ended: on {@link #serial} only. */
        private boolean ended;

        Pieces(CoreSubscriber<? super DataBuffer> actual) {
            super(actual);
        }

        @Override
        public void onSubscribe(Subscription s) {
            body = s;
            pieces = this;
            actual.onSubscribe(s);
        }

        @Override
        public void onNext(DataBuffer piece) {
            serial.execute(() -> {
                if (cancelled) {
                    DataBufferUtils.release(piece);
                } else {
                    actual.onNext(piece);
                }
            });
        }

        @Override
        public void onError(Throwable t) {
            serial.execute(() -> end(() -> actual.onError(t)));
        }

        @Override
        public void onComplete() {
            serial.execute(() -> end(actual::onComplete));
        }

        /** On the executor: the body given up and the parser told it ended, so it lets go of what it holds. */
        void giveUp() {
            end(() -> {
                body.cancel();
                actual.onError(new CancellationException("POST form given up"));
            });
        }

        private void end(Runnable signal) {
            if (!ended) {
                ended = true;
                signal.run();
            }
        }
    }

    /**
     * Requests and cancel onto the executor. Until the cancel has run there, what still comes is
     * released here rather than handed to a subscriber that has gone (Reactor's buffer, for one,
     * would keep it in a list no one empties).
     */
    private class Serial<T> extends Relay<T> implements Subscription {
        volatile Subscription upstream;
        volatile boolean gone;

        Serial(CoreSubscriber<? super T> actual) {
            super(actual);
        }

        @Override
        public void onSubscribe(Subscription s) {
            upstream = s;
            actual.onSubscribe(this);
        }

        @Override
        public void onNext(T t) {
            if (gone) {
                DiscardedParts.release(t);
            } else {
                actual.onNext(t);
            }
        }

        @Override
        public void request(long n) {
            serial.execute(() -> upstream.request(n));
        }

        @Override
        public void cancel() {
            gone = true;
            serial.execute(() -> upstream.cancel());
        }
    }

    /**
     * The handler's part windows. A cancel, on the executor, first asks for every window still
     * queued in windowUntil and releases each as it comes (subscribed, drained and cancelled there,
     * so no event goes in between), then cancels: cancelled with windows queued behind the part
     * being read (a client gone while the fields are read, the file's window waiting), windowUntil
     * dropped the file's first pieces unreleased.
     */
    private final class Windows extends Serial<Flux<PartEvent>> {
        Windows(CoreSubscriber<? super Flux<PartEvent>> actual) {
            super(actual);
        }

        @Override
        public void onNext(Flux<PartEvent> part) {
            if (gone) {
                DiscardedParts.releaseQueued(part);
            } else {
                actual.onNext(part);
            }
        }

        @Override
        public void cancel() {
            gone = true;
            serial.execute(() -> {
                upstream.request(Long.MAX_VALUE);
                upstream.cancel();
            });
        }
    }

    /**
     * The reader's output: remembers the event handed on, scopes the discards, and is never
     * cancelled mid-form. A cancel gives up the body instead and drains the reader to its end,
     * releasing what it still hands on: cancelled, Reactor's windows drop the parts they queued for
     * a subscriber not yet there, with no discard hook to release them.
     */
    private final class Events extends Serial<PartEvent> {
        private final Context context;
        /** Set by the cancel at once, so the events the reader hands on in the meantime are released here. */
        private volatile boolean draining;

        Events(CoreSubscriber<? super PartEvent> actual) {
            super(actual);
            context = Operators.enableOnDiscard(actual.currentContext(), ParserGate.this::discarded);
        }

        @Override
        public Context currentContext() {
            return context;
        }

        @Override
        public void onNext(PartEvent event) {
            handedOn = event;
            if (draining) {
                DataBufferUtils.release(event.content());
            } else {
                actual.onNext(event);
            }
        }

        @Override
        public void onError(Throwable t) {
            if (!draining) actual.onError(t);
        }

        @Override
        public void onComplete() {
            if (!draining) actual.onComplete();
        }

        @Override
        public void cancel() {
            draining = true;
            serial.execute(() -> {
                cancelled = true;
                upstream.request(Long.MAX_VALUE);
                Pieces body = pieces;
                if (body != null) body.giveUp();
            });
        }
    }
}

package dev.coffer.api.post;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ReactiveHttpInputMessage;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * Lets a POST form's parser be cancelled only between two body pieces. Spring's multipart parser
 * (7.0.8) disposes its state when it is cancelled, on the cancelling thread, while the event loop
 * may be handing it the next piece: that piece goes into the state's queue after it was emptied and
 * is never released (the BodyReleaseIT flake: a form refused off the event loop, by a rights or acl
 * check on another thread, while its file still arrives). Here a cancel that comes while a piece is
 * being delivered is run by the delivering thread once the piece is in; a piece that comes after a
 * cancel is released without reaching the parser.
 */
final class ParserGate {
    private final AtomicInteger delivering = new AtomicInteger();
    private final AtomicBoolean cancelRun = new AtomicBoolean();
    private volatile boolean cancelled;
    private volatile Subscription parsed;

    /** The form's body as the parser reads it, each piece delivered inside the gate. */
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

    /** The parser's output, whose cancel waits for the piece being delivered, if any. */
    <T> Flux<T> cancelBetweenPieces(Publisher<T> parts) {
        return Flux.from(parts).transform(Operators.<T, T>lift((scannable, actual) -> new Guarded<>(actual)));
    }

    private void cancel() {
        cancelled = true;
        if (delivering.get() == 0) runCancel();
    }

    private void runCancel() {
        Subscription s = parsed;
        if (s != null && cancelRun.compareAndSet(false, true)) s.cancel();
    }

    /** Passes every signal on; the two below change one each. */
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

    private final class Pieces extends Relay<DataBuffer> {
        Pieces(CoreSubscriber<? super DataBuffer> actual) {
            super(actual);
        }

        @Override
        public void onNext(DataBuffer piece) {
            delivering.incrementAndGet(); // before looking at cancelled: a cancel either sees it or is seen
            try {
                if (cancelled) {
                    DataBufferUtils.release(piece);
                } else {
                    actual.onNext(piece);
                }
            } finally {
                if (delivering.decrementAndGet() == 0 && cancelled) runCancel();
            }
        }
    }

    private final class Guarded<T> extends Relay<T> implements Subscription {
        Guarded(CoreSubscriber<? super T> actual) {
            super(actual);
        }

        @Override
        public void onSubscribe(Subscription s) {
            parsed = s;
            actual.onSubscribe(this);
        }

        @Override
        public void request(long n) {
            parsed.request(n);
        }

        @Override
        public void cancel() {
            ParserGate.this.cancel();
        }
    }
}

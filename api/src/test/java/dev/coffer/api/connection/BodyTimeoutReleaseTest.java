package dev.coffer.api.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

/**
 * A body piece that the event loop delivers just as the body timeout fires (the cancel has not
 * reached it yet) is released, not dropped with its Netty buffer still referenced.
 */
class BodyTimeoutReleaseTest {
    private static final NettyDataBufferFactory NETTY = new NettyDataBufferFactory(Unpooled.buffer().alloc());

    @Test
    void aPieceDeliveredAsTheTimeoutFiresIsReleased() throws Exception {
        List<ByteBuf> sent = new CopyOnWriteArrayList<>();
        AtomicReference<Subscriber<? super DataBuffer>> receiver = new AtomicReference<>();
        // Like Reactor Netty's receiver: one piece, then a stall; a cancel comes too late for the next piece.
        Publisher<DataBuffer> socket = subscriber -> {
            receiver.set(subscriber);
            subscriber.onSubscribe(new Subscription() {
                @Override
                public void request(long n) {
                    if (sent.isEmpty()) subscriber.onNext(piece(sent));
                }

                @Override
                public void cancel() {
                }
            });
        };
        MockServerHttpRequest request = MockServerHttpRequest.put("/bucket/key").body(socket);
        CompletableFuture<Throwable> failed = new CompletableFuture<>();

        // Long enough that the body is subscribed before the timer's first check on a loaded machine
        // (a check after the whole timeout fails the body before its first piece is asked for).
        BodyTimeout.apply(request, Duration.ofMillis(300)).getBody()
                .subscribe(DataBufferUtils::release, failed::complete);
        assertThat(failed.get(30, TimeUnit.SECONDS)).isInstanceOfSatisfying(S3Exception.class,
                e -> assertThat(e.code()).isEqualTo(S3ErrorCode.RequestTimeout));
        assertThat(receiver.get()).as("the body was subscribed").isNotNull();
        receiver.get().onNext(piece(sent));
        ByteBuf late = sent.get(sent.size() - 1);

        assertThat(late.refCnt()).as("the piece delivered after the timeout").isZero();
        assertThat(sent).allSatisfy(b -> assertThat(b.refCnt()).as("refCnt").isZero());
    }

    /** A 64-byte body piece as the server hands it over: a Netty buffer its reader must release. */
    private static DataBuffer piece(List<ByteBuf> sent) {
        ByteBuf b = Unpooled.wrappedBuffer(new byte[64]);
        sent.add(b);
        return NETTY.wrap(b);
    }
}

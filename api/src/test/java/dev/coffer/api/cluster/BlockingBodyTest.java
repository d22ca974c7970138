package dev.coffer.api.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import reactor.core.publisher.Flux;

/**
 * A chunk transfer's body closed before its end (the store refused the chunk, or it failed its
 * check) releases every Netty buffer that arrived: the one being read, those waiting in the
 * prefetch queue, and one the event loop delivers as the close cancels the body.
 */
class BlockingBodyTest {
    private static final NettyDataBufferFactory NETTY = new NettyDataBufferFactory(Unpooled.buffer().alloc());

    @Test
    void closingAfterTheFirstByteReleasesTheBuffersWaitingInThePrefetchQueue() throws IOException {
        List<ByteBuf> delivered = new CopyOnWriteArrayList<>();
        Flux<DataBuffer> body = Flux.range(0, 16).map(i -> piece(delivered));

        try (BlockingBody in = new BlockingBody(body, 4)) {
            assertThat(in.read()).isEqualTo(0);
            assertThat(delivered).hasSizeGreaterThan(1); // the prefetch queue holds the others
        }

        assertThat(delivered).allSatisfy(b -> assertThat(b.refCnt()).as("refCnt").isZero());
    }

    @Test
    void aBufferDeliveredAfterTheCloseIsReleased() throws IOException {
        List<ByteBuf> delivered = new CopyOnWriteArrayList<>();
        AtomicReference<Subscriber<? super DataBuffer>> late = new AtomicReference<>();
        // Like Reactor Netty's receiver: the cancel reaches the event loop after a delivery already under way.
        Flux<DataBuffer> body = Flux.from(subscriber -> {
            late.set(subscriber);
            subscriber.onSubscribe(new Subscription() {
                @Override
                public void request(long n) {
                    for (long i = 0; i < n && delivered.size() < 2; i++) subscriber.onNext(piece(delivered));
                }

                @Override
                public void cancel() {
                }
            });
        });

        try (BlockingBody in = new BlockingBody(body, 4)) {
            assertThat(in.read()).isEqualTo(0);
        }
        late.get().onNext(piece(delivered));

        assertThat(delivered).hasSize(3).allSatisfy(b -> assertThat(b.refCnt()).as("refCnt").isZero());
    }

    @Test
    void aBodyReadToItsEndReleasesEveryBuffer() throws IOException {
        List<ByteBuf> delivered = new CopyOnWriteArrayList<>();
        try (BlockingBody in = new BlockingBody(Flux.range(0, 9).map(i -> piece(delivered)), 4)) {
            assertThat(in.readAllBytes()).hasSize(9 * 64);
        }
        assertThat(delivered).hasSize(9).allSatisfy(b -> assertThat(b.refCnt()).as("refCnt").isZero());
    }

    /** A 64-byte body piece as the server hands it over (a Netty buffer the reader must release), noted in {@code delivered}. */
    private static DataBuffer piece(List<ByteBuf> delivered) {
        ByteBuf b = Unpooled.wrappedBuffer(new byte[64]);
        delivered.add(b);
        return NETTY.wrap(b);
    }
}

package dev.coffer.api.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.auth.PayloadMode;
import dev.coffer.storage.ChunkStore;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * A body arriving as Netty's 8 KiB pieces, handed to the I/O thread several at a time, is stored
 * byte for byte whatever its length against those groups, and every piece is released — also
 * when the body is refused with groups still queued for the I/O thread, or the request goes away
 * with a group not yet full, or while the I/O thread is busy elsewhere with groups queued for it.
 */
class BodyReceiverTest {
    private static final int PIECE = 8 * 1024;
    private static final NettyDataBufferFactory NETTY = new NettyDataBufferFactory(Unpooled.buffer().alloc());
    @TempDir
    Path dir;
    private ChunkStore store;
    private BlockingIo io;
    private final Random random = new Random(23);

    @BeforeEach
    void open() throws Exception {
        store = ChunkStore.open(dir, 64L << 20);
        io = new BlockingIo(1);
    }

    @AfterEach
    void close() {
        io.close();
        store.close();
    }

    @Test
    void bodiesOfEveryLengthAgainstTheGroupsAreStoredByteForByteAndEveryPieceReleased() throws Exception {
        for (int size : new int[] {0, 1, 7 * PIECE + 5, 8 * PIECE, 8 * PIECE + 1, (1 << 20) + 3}) {
            byte[] body = bytes(size);
            List<ByteBuf> sent = new ArrayList<>();

            StoredBody stored = receiver().receiveDeclared(pieces(body, sent), new PayloadMode.Unsigned(), size, null)
                    .block(Duration.ofSeconds(30));

            assertThat(stored.size()).isEqualTo(size);
            assertThat(stored.md5()).isEqualTo(MessageDigest.getInstance("MD5").digest(body));
            assertThat(stored.inline() != null ? stored.inline() : StoredBodies.read(store, stored)).isEqualTo(body);
            assertAllReleased(sent);
        }
    }

    @Test
    void aBodyPastItsDeclaredLengthIsRefusedLeavesNoChunkAndReleasesEveryPiece() throws Exception {
        byte[] body = bytes(20 * PIECE + 9);
        List<ByteBuf> sent = new ArrayList<>();

        assertThatThrownBy(() -> receiver().receiveDeclared(pieces(body, sent), new PayloadMode.Unsigned(),
                        11 * PIECE, null).block(Duration.ofSeconds(30)))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.code()).isEqualTo(S3ErrorCode.IncompleteBody));

        assertAllReleased(sent);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(leftFiles()).isEmpty());
    }

    @Test
    void aRequestGoneMidBodyReleasesEveryPieceAlsoThoseOfAGroupNotYetFullAndLeavesNoChunk() throws Exception {
        List<ByteBuf> sent = new ArrayList<>();
        Sinks.Many<DataBuffer> body = Sinks.many().unicast().onBackpressureBuffer();
        Disposable upload = receiver().receiveDeclared(body.asFlux(), new PayloadMode.Unsigned(), 1L << 20, null)
                .subscribe(ok -> {}, failed -> {});
        // Two full groups go to the I/O thread and are written; three pieces wait for the third group.
        pieces(bytes(19 * PIECE), sent).subscribe(body::tryEmitNext);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(
                () -> assertThat(sent.subList(0, 16)).allSatisfy(b -> assertThat(b.refCnt()).isZero()));
        assertThat(sent.subList(16, 19)).allSatisfy(b -> assertThat(b.refCnt()).isOne());

        upload.dispose();

        assertAllReleased(sent);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(leftFiles()).isEmpty());
    }

    /**
     * The request goes while the one I/O thread is busy with other work and groups wait for it:
     * Reactor's publishOn drops its queued drain task when it is cancelled (reactor-core#4396) and
     * its queue with it; here that task still runs, and releases the groups.
     */
    @Test
    void aRequestGoneWhileTheIoThreadIsBusyReleasesTheGroupsQueuedForIt() throws Exception {
        List<ByteBuf> sent = new ArrayList<>();
        Sinks.Many<DataBuffer> body = Sinks.many().unicast().onBackpressureBuffer();
        Disposable upload = receiver().receiveDeclared(body.asFlux(), new PayloadMode.Unsigned(), 1L << 20, null)
                .subscribe(ok -> {}, failed -> {});
        await().atMost(Duration.ofSeconds(30)).until(() -> body.currentSubscriberCount() == 1);
        CountDownLatch busy = new CountDownLatch(1);
        CountDownLatch occupied = new CountDownLatch(1);
        io.scheduler().schedule(() -> {
            occupied.countDown();
            try {
                busy.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(occupied.await(30, TimeUnit.SECONDS)).isTrue();
        // Three full groups wait for the I/O thread, which is busy.
        pieces(bytes(24 * PIECE), sent).subscribe(body::tryEmitNext);

        upload.dispose();
        busy.countDown();
        io.run(() -> { }).block(Duration.ofSeconds(30)); // after what was queued for the one I/O thread

        assertThat(sent).hasSize(24).allSatisfy(b -> assertThat(b.refCnt()).isZero());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(leftFiles()).isEmpty());
    }

    private BodyReceiver receiver() {
        return new BodyReceiver(io, store, 32 * 1024);
    }

    /** {@code body} as Netty buffers of 8 KiB (the last shorter), as the server's decoder hands them on; each noted in {@code sent}. */
    private static Flux<DataBuffer> pieces(byte[] body, List<ByteBuf> sent) {
        return Flux.range(0, (body.length + PIECE - 1) / PIECE).map(i -> {
            ByteBuf piece = Unpooled.directBuffer(PIECE).writeBytes(body, i * PIECE, Math.min(PIECE, body.length - i * PIECE));
            sent.add(piece);
            return NETTY.wrap(piece);
        });
    }

    private static void assertAllReleased(List<ByteBuf> sent) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(
                () -> assertThat(sent).allSatisfy(b -> assertThat(b.refCnt()).isZero()));
    }

    /** Chunk files published or still in tmp/. */
    private List<Path> leftFiles() throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.startsWith(dir.resolve("chunks")) || p.startsWith(dir.resolve("tmp"))).toList();
        }
    }

    private byte[] bytes(int size) {
        byte[] body = new byte[size];
        random.nextBytes(body);
        return body;
    }
}

package dev.coffer.api.post;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.IllegalReferenceCountException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.Context;

/**
 * A POST form's body arrives as Netty buffers, as it does from the server; every one of them is
 * released (reference count 0) once the handler is done, whether the upload succeeded or the file
 * part was refused before its content was read (synchronously when the part begins, or later on
 * the I/O scheduler). Each case runs three times in small pieces and three times in one buffer, as
 * the server's socket reads deliver a small form. A guard: these paths did not leak on main; the
 * LEAK seen in AclOnWritesIT's server was not reproduced here.
 */
class PostFormBufferReleaseTest {
    private static final Pattern POLICY = Pattern.compile("(name=\"policy\"\r\n\r\n)([^\r]*)\r\n", Pattern.CASE_INSENSITIVE);
    private static final NettyDataBufferFactory NETTY = new NettyDataBufferFactory(Unpooled.buffer().alloc());

    @ParameterizedTest
    @ValueSource(ints = {64, 64, 64, 1 << 16, 1 << 16, 1 << 16})
    void anUploadReleasesEveryBuffer(int pieceSize) throws IOException {
        List<ByteBuf> sent = new ArrayList<>();
        String form = seed();

        assertThat(post(form, pieceSize, sent)).isEqualTo(303);
        assertAllReleased(sent);
    }

    @ParameterizedTest
    @ValueSource(ints = {64, 64, 64, 1 << 16, 1 << 16, 1 << 16})
    void aFileRefusedBeforeItIsReadReleasesEveryBuffer(int pieceSize) throws IOException {
        List<ByteBuf> sent = new ArrayList<>();
        // A key past 1,024 bytes is refused when the file part begins, before its content is asked for.
        String form = seed().replace("user/user1/${filename}", "user/user1/" + "k".repeat(1100));

        assertThatThrownBy(() -> post(form, pieceSize, sent))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.code()).isEqualTo(S3ErrorCode.KeyTooLongError));
        assertAllReleased(sent);
    }

    @ParameterizedTest
    @ValueSource(ints = {64, 64, 64, 1 << 16, 1 << 16, 1 << 16})
    void aFileRefusedOnTheIoThreadBeforeItIsReadReleasesEveryBuffer(int pieceSize) throws IOException {
        List<ByteBuf> sent = new ArrayList<>();
        // An unknown KMS key is refused when the upload is sealed, on the I/O scheduler, before the file's content is asked for.
        String kms = "x-amz-server-side-encryption-aws-kms-key-id";
        String form = withPolicyFields(seed(), Map.of("x-amz-server-side-encryption", "aws:kms", kms, "no-such-key"));

        assertThatThrownBy(() -> post(form, pieceSize, sent)).isInstanceOfSatisfying(S3Exception.class,
                e -> assertThat(e.code()).isEqualTo(S3ErrorCode.KMS_NotFoundException));
        assertAllReleased(sent);
    }

    /**
     * A file refused off the event loop (an unknown KMS key, on the I/O scheduler) while its pieces
     * still arrive on their own thread, as Reactor Netty delivers them: the cancel reached Spring's
     * parser on the refusing thread while the loop handed it a piece, which it queued after it had
     * emptied its queue (about one form in six left a buffer at refCnt 1 before the first
     * {@link ParserGate}; with it, one piece in about 3,000 forms, held untouched by the parser or
     * a window until the gate ran the whole parse on one executor).
     */
    @Test
    void aFileRefusedOffTheLoopWhileItArrivesReleasesEveryBuffer() throws IOException {
        String kms = "x-amz-server-side-encryption-aws-kms-key-id";
        String form = withPolicyFields(seed(), Map.of("x-amz-server-side-encryption", "aws:kms", kms, "no-such-key"))
                .replace("not really a jpeg", "j".repeat(256 << 10));
        Scheduler loop = Schedulers.newSingle("event-loop");
        List<ByteBuf> sent = Collections.synchronizedList(new ArrayList<>());
        try {
            for (int round = 0; round < 100; round++) {
                assertThatThrownBy(() -> post(form, 8192, sent, loop)).isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.code()).isEqualTo(S3ErrorCode.KMS_NotFoundException));
            }
        } finally {
            loop.dispose();
        }
        assertAllReleased(sent);
    }

    /**
     * A client that leaves halfway through its file, as Reactor Netty reports it: the body ends in
     * an error while the receiver still holds pieces. Spring's reader makes each file event with a
     * concatMap over Mono.just, whose cancel on that error discarded the event it had already
     * handed on (reactor-core PR 4352): released by the discard hook, the piece was then read by
     * the receiver (IllegalReferenceCountException, 4 to 16 per 100 forms) — memory by then
     * perhaps another request's. No piece is read after its release, and every one is released.
     */
    @Test
    void aFileWhoseClientLeavesMidwayIsNeverReadAfterItsRelease() throws IOException {
        String form = seed().replace("not really a jpeg", "j".repeat(256 << 10));
        Scheduler loop = Schedulers.newSingle("event-loop");
        List<ByteBuf> sent = Collections.synchronizedList(new ArrayList<>());
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        try {
            for (int round = 0; round < 100; round++) {
                int headerEnd = form.indexOf("\r\n\r\n");
                byte[] body = PostFormSigner.resign(form.substring(headerEnd + 4)).getBytes(StandardCharsets.ISO_8859_1);
                Flux<DataBuffer> half = pieces(body, body.length / 2, 8192, sent)
                        .concatWith(Flux.error(new IOException("Connection prematurely closed DURING response")))
                        .subscribeOn(loop, true);
                Throwable answer = PostFormFuzzTest.sendAsync(form.substring("Content-Type:".length(), headerEnd).trim(), half)
                        .contextWrite(Context.of("reactor.onErrorDropped.local", (Consumer<Throwable>) failures::add))
                        .then(Mono.<Throwable>empty()).onErrorResume(Mono::just).block();
                failures.add(answer);
            }
        } finally {
            loop.dispose();
        }
        assertThat(failures).noneMatch(PostFormBufferReleaseTest::readAfterRelease);
        assertAllReleased(sent);
    }

    /**
     * A client that leaves while the form's fields are still being read, as Reactor Netty reports it:
     * the exchange is cancelled, the body never having ended, with the file's part waiting behind
     * the fields in windowUntil's queue (concatMap takes one part at a time). Cancelled, windowUntil
     * cancelled that window with no discard hook, and the pieces in it stayed at refCnt 1 (the LEAK
     * BodyReleaseIT reported at a360c37).
     */
    @Test
    void aFormGivenUpWhileItsFileWaitsBehindItsFieldsReleasesEveryBuffer() throws Exception {
        String form = seed().replace("not really a jpeg", "j".repeat(64 << 10));
        int headerEnd = form.indexOf("\r\n\r\n");
        String contentType = form.substring("Content-Type:".length(), headerEnd).trim();
        byte[] body = PostFormSigner.resign(form.substring(headerEnd + 4)).getBytes(StandardCharsets.ISO_8859_1);
        Scheduler loop = Schedulers.newSingle("event-loop");
        List<ByteBuf> sent = Collections.synchronizedList(new ArrayList<>());
        try {
            for (int round = 0; round < 100; round++) {
                int before = sent.size();
                // The fields and the file's first bytes in the first piece; then the client is gone.
                Flux<DataBuffer> pieces = pieces(body, body.length / 2, 8192, sent).concatWith(Flux.never())
                        .subscribeOn(loop, true);
                Disposable exchange = PostFormFuzzTest.sendAsync(contentType, pieces).subscribe(null, failure -> { });
                await().atMost(Duration.ofSeconds(10)).until(() -> sent.size() > before);
                exchange.dispose();
            }
        } finally {
            loop.dispose();
        }
        assertAllReleased(sent);
    }

    private static boolean readAfterRelease(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IllegalReferenceCountException) return true;
        }
        return false;
    }

    /**
     * Every buffer sent is released. An error reaches the caller before the parser's cancellation
     * has run on its thread, so the last releases may follow it: awaited, bounded.
     */
    private static void assertAllReleased(List<ByteBuf> sent) {
        assertThat(sent).isNotEmpty();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(
                () -> assertThat(sent).allSatisfy(b -> assertThat(b.refCnt()).isZero()));
    }

    /** The form with {@code fields} added before its file, each an exact condition of its policy. */
    private static String withPolicyFields(String form, Map<String, String> fields) {
        Matcher policy = POLICY.matcher(form);
        assertThat(policy.find()).isTrue();
        StringBuilder document = new StringBuilder(new String(Base64.getDecoder().decode(policy.group(2)),
                StandardCharsets.UTF_8));
        String boundary = form.substring(form.indexOf("\r\n\r\n") + 4, form.indexOf("\r\n", form.indexOf("\r\n\r\n") + 4));
        StringBuilder parts = new StringBuilder();
        fields.forEach((name, value) -> {
            document.insert(document.lastIndexOf("]"), ", {\"" + name + "\": \"" + value + "\"}");
            parts.append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(name)
                    .append("\"\r\n\r\n").append(value).append("\r\n");
        });
        String encoded = Base64.getEncoder().encodeToString(document.toString().getBytes(StandardCharsets.UTF_8));
        String resigned = form.substring(0, policy.start(2)) + encoded + form.substring(policy.end(2));
        int file = resigned.indexOf(boundary + "\r\nContent-Disposition: form-data; name=\"file\"");
        return resigned.substring(0, file) + parts + resigned.substring(file);
    }

    /** AWS's example form, re-signed, its Content-Type line kept apart. */
    private static String seed() throws IOException {
        try (InputStream in = PostFormBufferReleaseTest.class.getResourceAsStream("PostFormFuzzTestInputs/post/aws-example-form")) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    /** Posts {@code input} (Content-Type line, blank line, body) in Netty buffers of {@code pieceSize}, noted in {@code sent}. */
    private static int post(String input, int pieceSize, List<ByteBuf> sent) {
        return post(input, pieceSize, sent, Schedulers.immediate());
    }

    /** As above, each piece handed over on {@code loop}, as Reactor Netty hands them over on the connection's event loop. */
    private static int post(String input, int pieceSize, List<ByteBuf> sent, Scheduler loop) {
        int headerEnd = input.indexOf("\r\n\r\n");
        String contentType = input.substring("Content-Type:".length(), headerEnd).trim();
        byte[] body = PostFormSigner.resign(input.substring(headerEnd + 4)).getBytes(StandardCharsets.ISO_8859_1);
        return PostFormFuzzTest.send(contentType, pieces(body, body.length, pieceSize, sent).subscribeOn(loop, true))
                .getStatusCode().value();
    }

    /** The first {@code length} bytes of {@code body} in Netty buffers of {@code pieceSize}, each noted in {@code sent} as it is made. */
    private static Flux<DataBuffer> pieces(byte[] body, int length, int pieceSize, List<ByteBuf> sent) {
        return Flux.range(0, (length + pieceSize - 1) / pieceSize).map(i -> {
            ByteBuf piece = Unpooled.wrappedBuffer(Arrays.copyOfRange(body, i * pieceSize, Math.min(length, (i + 1) * pieceSize)));
            sent.add(piece);
            return (DataBuffer) NETTY.wrap(piece);
        });
    }
}

package dev.coffer.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.compat.support.ChunkFiles;
import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import dev.coffer.compat.support.HandSigner;
import dev.coffer.compat.support.RawConnection;
import dev.coffer.compat.support.TestData;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * An upload must say how long its payload is, and may not be longer: a body of unbounded length
 * is 411 MissingContentLength before a byte is stored, and an aws-chunked body that runs past its
 * x-amz-decoded-content-length is refused with IncompleteBody at once, not after gigabytes, and
 * the connection closed (the rest of the body is not waited for).
 * (A plain body cannot run past its Content-Length: HTTP framing ends it there.)
 */
@ExtendWith(CofferServerExtension.class)
class DeclaredLengthIT {
    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final int FRAME = 64 * 1024;
    /** What the attacker offers: far more than socket buffers can hold. */
    private static final long OFFERED = 512L << 20;

    private static CofferServer server;
    private static String bucket;

    @BeforeAll
    static void setUp(CofferServer s) {
        server = s;
        bucket = s.createBucket("declared-length");
    }

    @Test
    void aChunkedBodyWithNoLengthIsMissingContentLength() throws Exception {
        String key = "no-length";
        Map<String, String> headers = signed("PUT", key, "UNSIGNED-PAYLOAD", Map.of());
        headers.put("Transfer-Encoding", "chunked");
        assertMissingContentLength(key, headers, "5\r\nhello\r\n0\r\n\r\n");
    }

    @Test
    void anAwsChunkedBodyWithNoDecodedLengthIsMissingContentLength() throws Exception {
        String key = "aws-chunked-no-length";
        Map<String, String> headers = signed("PUT", key, "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
                Map.of("Content-Encoding", "aws-chunked", "x-amz-trailer", "x-amz-checksum-crc32"));
        headers.put("Transfer-Encoding", "chunked");
        String awsChunked = "5\r\nhello\r\n0\r\nx-amz-checksum-crc32:NhCmhg==\r\n\r\n";
        String httpChunked = Integer.toHexString(awsChunked.length()) + "\r\n" + awsChunked + "\r\n0\r\n\r\n";
        assertMissingContentLength(key, headers, httpChunked);
    }

    @Test
    void anAwsChunkedBodyPastItsDecodedLengthIsRefusedBeforeTheRestIsSent() throws Exception {
        String key = "over-long";
        ChunkFiles files = ChunkFiles.snapshot(server);
        byte[] frame = frame(TestData.randomBytes(FRAME, 5));
        Map<String, String> headers = signed("PUT", key, "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
                Map.of("Content-Encoding", "aws-chunked", "x-amz-decoded-content-length", "1024",
                        "x-amz-trailer", "x-amz-checksum-crc32"));
        headers.put("Content-Length", Long.toString(OFFERED / FRAME * frame.length));
        AtomicLong sent = new AtomicLong();
        AtomicBoolean answered = new AtomicBoolean();
        try (RawConnection c = RawConnection.open(server.endpoint())) {
            c.send(RawConnection.head("PUT", "/" + bucket + "/" + key, headers));
            Thread writer = new Thread(() -> {
                try {
                    while (!answered.get() && sent.get() < OFFERED) {
                        c.send(frame);
                        sent.addAndGet(FRAME);
                    }
                } catch (IOException refused) {
                    // the server closed the connection: what it had was enough to refuse
                }
            }, "over-long-writer");
            writer.start();
            RawConnection.Response response = c.readResponse(BOUND);
            long sentWhenAnswered = sent.get();
            answered.set(true);
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.body()).contains("<Code>IncompleteBody</Code>");
            // the rest of the body is not waited for: the server says it closes the connection
            assertThat(response.headers()).containsEntry("connection", "close");
            // only what the socket buffers hold went out before the refusal, not the 512 MiB offered
            assertThat(sentWhenAnswered).as("payload bytes sent before the refusal").isLessThan(64L << 20);
            assertThat(c.closedByServerWithin(BOUND)).as("connection closed after the refusal").isTrue();
            writer.join(BOUND.toMillis());
        }
        assertThat(ChunkFiles.awaitGone(files.added(), BOUND)).as("temporary chunk of the refused upload").isEmpty();
        assertThatThrownBy(() -> server.s3().headObject(b -> b.bucket(bucket).key(key)))
                .isInstanceOf(NoSuchKeyException.class);
    }

    private static void assertMissingContentLength(String key, Map<String, String> headers, String body) throws Exception {
        try (RawConnection c = RawConnection.open(server.endpoint())) {
            c.send(RawConnection.head("PUT", "/" + bucket + "/" + key, headers) + body);
            RawConnection.Response response = c.readResponse(BOUND);
            assertThat(response.status()).isEqualTo(411);
            assertThat(response.body()).contains("<Code>MissingContentLength</Code>");
        }
        assertThatThrownBy(() -> server.s3().headObject(b -> b.bucket(bucket).key(key)))
                .isInstanceOf(NoSuchKeyException.class);
    }

    /** One aws-chunked frame (unsigned): hex size, the data, CRLF. */
    private static byte[] frame(byte[] data) {
        byte[] head = (Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[head.length + data.length + 2];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(data, 0, out, head.length, data.length);
        out[out.length - 2] = '\r';
        out[out.length - 1] = '\n';
        return out;
    }

    private static Map<String, String> signed(String method, String key, String payload, Map<String, String> signedHeaders) {
        URI uri = server.endpoint().resolve("/" + bucket + "/" + key);
        return new LinkedHashMap<>(HandSigner.header(method, uri, signedHeaders, payload));
    }
}

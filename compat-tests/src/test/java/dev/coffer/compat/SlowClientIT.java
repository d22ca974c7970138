package dev.coffer.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.compat.support.ChunkFiles;
import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.HandSigner;
import dev.coffer.compat.support.RawConnection;
import dev.coffer.compat.support.TestData;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The slow-client attacks of a few sockets against a server of its own, started with timeouts of
 * a second or two: each attack is performed on a raw connection and must end with the server
 * closing it (or answering RequestTimeout) and with every file and lease it held released.
 * Each wait is bounded far above the configured timeouts, and nothing asserts how fast.
 */
class SlowClientIT {
    /** Far above every configured timeout: a server that never cuts the attacker fails here. */
    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final int CHUNK = 4 << 20;

    private static CofferServer server;
    private static String bucket;

    @BeforeAll
    static void start() {
        server = CofferServer.startInProcess(
                "--server.address=127.0.0.1",
                "--coffer.connection.idle-timeout=1s",
                "--coffer.connection.header-timeout=2s",
                "--coffer.connection.body-timeout=2s",
                "--coffer.connection.write-timeout=2s",
                "--coffer.max-chunk-size=" + CHUNK,
                // superseded chunks go at the collector's next pass unless a download leases them
                "--coffer.gc-grace=0s",
                "--coffer.gc-interval=200ms");
        bucket = server.createBucket("slow");
    }

    @AfterAll
    static void stop() throws IOException {
        if (server != null) server.close();
    }

    @Test
    void anIdleKeepAliveConnectionIsClosed() throws Exception {
        try (RawConnection c = RawConnection.open(server.endpoint())) {
            c.send(RawConnection.head("GET", "/_coffer/health", Map.of("Host", host())));
            assertThat(c.readResponse(BOUND).status()).isEqualTo(200);
            // keep-alive: the server may keep the connection for the next request, but not forever
            assertThat(c.closedByServerWithin(BOUND)).as("idle keep-alive connection closed").isTrue();
        }
    }

    @Test
    void aConnectionThatNeverSendsARequestIsClosed() throws Exception {
        try (RawConnection c = RawConnection.open(server.endpoint())) {
            assertThat(c.closedByServerWithin(BOUND)).as("silent connection closed").isTrue();
        }
    }

    @Test
    void headersTrickledByteByByteAreCutOff() throws Exception {
        // slowloris: one header byte every 200 ms, well inside the 1 s idle timeout, so only a
        // deadline on the whole head can stop it
        try (RawConnection c = RawConnection.open(server.endpoint())) {
            c.send("GET /_coffer/health HTTP/1.1\r\nHost: " + host() + "\r\nX-Slow: ");
            boolean cut = false;
            for (int i = 0; i < BOUND.toMillis() / 200 && !cut; i++) {
                try {
                    c.send("a");
                    cut = c.closedByServerWithin(Duration.ofMillis(200));
                } catch (IOException refused) {
                    cut = true; // the server closed and reset the connection
                }
            }
            assertThat(cut).as("a head that never ends is cut off").isTrue();
        }
    }

    @Test
    void aBodySentSlowlyButNeverStalledLongerThanTheTimeoutIsStored() throws Exception {
        // 6 pieces 700 ms apart: the whole body takes longer than the 2 s body timeout, no gap does
        String key = "slow-but-steady";
        byte[] body = TestData.randomBytes(6 * 64 * 1024, 8);
        try (RawConnection c = RawConnection.open(server.endpoint())) {
            c.send(RawConnection.head("PUT", "/" + bucket + "/" + key,
                    signed("PUT", key, Map.of("Content-Length", Integer.toString(body.length)))));
            for (int i = 0; i < 6; i++) {
                if (i > 0) Thread.sleep(700);
                c.send(java.util.Arrays.copyOfRange(body, i * 64 * 1024, (i + 1) * 64 * 1024));
            }
            assertThat(c.readResponse(BOUND).status()).isEqualTo(200);
        }
        assertThat(server.s3().getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray()).isEqualTo(body);
    }

    @Test
    void aBodyThatStopsMidwayGetsRequestTimeoutAndLeavesNoTemporaryChunk() throws Exception {
        String key = "stalled-upload";
        ChunkFiles files = ChunkFiles.snapshot(server);
        try (RawConnection c = RawConnection.open(server.endpoint())) {
            c.send(RawConnection.head("PUT", "/" + bucket + "/" + key, signed("PUT", key, Map.of("Content-Length", "1048576"))));
            c.send(TestData.randomBytes(256 * 1024, 7)); // past the inline threshold: a temporary chunk exists
            RawConnection.Response response = c.readResponse(BOUND);
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.body()).contains("<Code>RequestTimeout</Code>");
            assertThat(c.closedByServerWithin(BOUND)).as("connection closed after RequestTimeout").isTrue();
        }
        assertThat(ChunkFiles.awaitGone(files.added(), BOUND)).as("temporary chunk of the stalled upload").isEmpty();
        assertThatThrownBy(() -> server.s3().headObject(b -> b.bucket(bucket).key(key)))
                .isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void aDownloadWhoseClientStopsReadingIsCutAndItsChunksAreCollected() throws Exception {
        String key = "stalled-download";
        ChunkFiles before = ChunkFiles.snapshot(server);
        byte[] data = TestData.randomBytes(8 * CHUNK, 11);
        server.s3().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(data));
        Set<Path> oldChunks = before.added();
        assertThat(oldChunks).as("chunk files of the first version").isNotEmpty();
        try (RawConnection c = RawConnection.open(server.endpoint(), 4096)) {
            c.send(RawConnection.head("GET", "/" + bucket + "/" + key, signed("GET", key, Map.of())));
            assertThat(c.readBytes(1024, BOUND)).hasSize(1024);
            // the reader stops here; the object is overwritten, so its old chunks wait for the
            // collector, which must leave them while the download holds them
            server.s3().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString("new"));
            assertThat(ChunkFiles.awaitGone(oldChunks, BOUND))
                    .as("chunks of the overwritten version, once the stalled download is cut").isEmpty();
            assertThat(c.closedByServerWithin(BOUND)).as("stalled download's connection closed").isTrue();
        }
        assertThat(server.s3().getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String()).isEqualTo("new");
    }

    private static String host() {
        return server.endpoint().getRawAuthority();
    }

    private static Map<String, String> signed(String method, String key, Map<String, String> unsigned) {
        URI uri = server.endpoint().resolve("/" + bucket + "/" + key);
        Map<String, String> headers = new java.util.LinkedHashMap<>(
                HandSigner.header(method, uri, Map.of(), "UNSIGNED-PAYLOAD"));
        headers.putAll(unsigned);
        return headers;
    }
}

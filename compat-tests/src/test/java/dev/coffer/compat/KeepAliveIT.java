package dev.coffer.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.HandSigner;
import dev.coffer.compat.support.RawConnection;
import dev.coffer.compat.support.RawConnection.Response;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * A keep-alive connection keeps being read whatever order its requests' answers come in. A GET
 * is answered after catalogue look-ups on another thread; a malformed bucket name is refused at
 * once. When the second arrives while the first is still being answered, and is then answered
 * at once, the connection must still read the request after them: Reactor Netty up to 1.3.7
 * stopped reading it (reactor/reactor-netty#4361), which s3cmd met as a 300 s hang.
 */
class KeepAliveIT {
    /** Far above what any answer here takes: a connection no longer read fails the test, never hangs it. */
    private static final Duration BOUND = Duration.ofSeconds(20);

    private static CofferServer server;
    private static String bucket;

    @BeforeAll
    static void start() {
        server = CofferServer.startInProcess("--server.address=127.0.0.1");
        bucket = server.createBucket("keepalive");
        server.s3().putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("hello"));
    }

    @AfterAll
    static void stop() throws IOException {
        if (server != null) server.close();
    }

    @Test
    void aRequestAnsweredAtOnceBehindOneAnsweredLaterLeavesTheConnectionRead() throws Exception {
        for (int round = 0; round < 20; round++) {
            try (RawConnection c = RawConnection.open(server.endpoint())) {
                // both in one write, so the second waits behind the first
                c.send(get() + RawConnection.head("GET", "/Not_A_Bucket/k", Map.of("Host", host())));
                Response first = c.readResponse(BOUND);
                assertThat(first.status()).isEqualTo(200);
                assertThat(first.body()).isEqualTo("hello");
                assertThat(c.readResponse(BOUND).status()).isEqualTo(400);
                c.send(get());
                Response third = c.readResponse(BOUND);
                assertThat(third.status()).as("the request after them, round %d", round).isEqualTo(200);
                assertThat(third.body()).isEqualTo("hello");
            }
        }
    }

    private static String get() {
        URI url = HandSigner.presign("GET", server.endpoint().resolve("/" + bucket + "/k"), Duration.ofMinutes(5),
                Map.of(), "UNSIGNED-PAYLOAD");
        return RawConnection.head("GET", url.getRawPath() + "?" + url.getRawQuery(), Map.of("Host", host()));
    }

    private static String host() {
        return server.endpoint().getRawAuthority();
    }
}

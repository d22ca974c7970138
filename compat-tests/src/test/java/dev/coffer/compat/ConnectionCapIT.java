package dev.coffer.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.RawConnection;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A server of its own capped at two connections: a third client is not served while two are
 * open (it waits in the accept queue), and is served as soon as one of the two closes. The drive's
 * port has a cap of its own, so connections to the drive never take S3's places.
 */
class ConnectionCapIT {
    private static final Duration BOUND = Duration.ofSeconds(30);

    private static CofferServer server;

    @BeforeAll
    static void start() {
        server = CofferServer.startInProcess("--server.address=127.0.0.1", "--coffer.connection.max-connections=2");
    }

    @AfterAll
    static void stop() throws IOException {
        if (server != null) server.close();
    }

    @Test
    void aConnectionBeyondTheCapWaitsUntilOneCloses() throws Exception {
        String request = RawConnection.head("GET", "/_coffer/health", Map.of("Host", server.endpoint().getRawAuthority()));
        try (RawConnection first = RawConnection.open(server.endpoint());
                RawConnection second = RawConnection.open(server.endpoint())) {
            for (RawConnection held : new RawConnection[] {first, second}) {
                held.send(request);
                assertThat(held.readResponse(BOUND).status()).isEqualTo(200);
            }
            // the third is opened once the two are surely counted
            try (RawConnection third = RawConnection.open(server.endpoint())) {
                third.send(request);
                // Not served while the two are open (a server without the cap answers in milliseconds).
                assertThatThrownBy(() -> third.readResponse(Duration.ofSeconds(2)))
                        .isInstanceOf(SocketTimeoutException.class);
                first.close();
                assertThat(third.readResponse(BOUND).status()).as("served once a slot is free").isEqualTo(200);
            }
            second.send(request);
            assertThat(second.readResponse(BOUND).status()).as("the held connections still work").isEqualTo(200);
        }
    }

    @Test
    void connectionsToTheDriveDoNotTakeS3Places() throws Exception {
        URI drive = server.driveUrl();
        String driveRequest = RawConnection.head("GET", "/config.json", Map.of("Host", drive.getRawAuthority()));
        String s3Request = RawConnection.head("GET", "/_coffer/health", Map.of("Host", server.endpoint().getRawAuthority()));
        try (RawConnection d1 = RawConnection.open(drive);
                RawConnection d2 = RawConnection.open(drive)) {
            for (RawConnection held : new RawConnection[] {d1, d2}) {
                held.send(driveRequest);
                assertThat(held.readResponse(BOUND).status()).isEqualTo(200);
            }
            try (RawConnection s3 = RawConnection.open(server.endpoint())) {
                s3.send(s3Request);
                assertThat(s3.readResponse(Duration.ofSeconds(10)).status())
                        .as("S3 serves while the drive holds its own two connections").isEqualTo(200);
            }
        }
    }
}

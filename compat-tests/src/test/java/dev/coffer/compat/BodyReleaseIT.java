package dev.coffer.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import dev.coffer.compat.support.LeakReports;
import dev.coffer.compat.support.TestData;

/**
 * Request bodies that end early leave no Netty buffer unreleased in the server: the pieces that
 * were queued or split when the request was refused are all given back. The server runs in this
 * JVM with paranoid leak detection; each test collects garbage and fails on any leak report.
 */
@ExtendWith(CofferServerExtension.class)
class BodyReleaseIT {
    private static final byte[] FILE = TestData.randomBytes(256 << 10, 41);
    private static final int ROUNDS = 8;

    private static CofferServer server;
    private static String bucket;

    @BeforeAll
    static void start(CofferServer cofferServer) {
        server = cofferServer;
        bucket = server.createBucket("release");
    }

    @Test
    void postFormsRefusedWhenTheirFileBeginsLeakNoBuffer() throws Exception {
        try (LeakReports leaks = LeakReports.capture()) {
            for (int i = 0; i < ROUNDS; i++) {
                // A field the policy does not allow is refused once the file part begins, its content not yet read.
                String key = "odd-" + i;
                int status = PostObjectIT.Form.v4(server, bucket, key, List.of("{\"key\": \"" + key + "\"}"))
                        .with("x-amz-meta-sneaky", "1").post("odd.bin", FILE).statusCode();
                assertThat(status).isEqualTo(403);
            }
            leaks.assertNone("refused POST forms");
        }
        assertThat(server.s3().listObjectsV2(b -> b.bucket(bucket).prefix("odd-")).contents()).isEmpty();
    }
}

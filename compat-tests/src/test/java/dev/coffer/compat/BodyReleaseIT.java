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

    @Test
    void postFormsRefusedForTheirAclLeakNoBuffer() throws Exception {
        try (LeakReports leaks = LeakReports.capture()) {
            for (int i = 0; i < ROUNDS; i++) {
                // An acl field that names no canned ACL is refused (400) after the file part begins:
                // the form's rights are checked first, off the event loop, with the part not yet read.
                String key = "acl-" + i;
                byte[] file = i % 2 == 0 ? TestData.utf8("x") : FILE;
                int status = PostObjectIT.Form.v4(server, bucket, key, List.of("{\"key\": \"" + key + "\"}",
                                "{\"acl\": \"world-writable\"}"))
                        .with("acl", "world-writable").post("odd.bin", file).statusCode();
                assertThat(status).isEqualTo(400);
            }
            leaks.assertNone("POST forms refused for their acl field");
        }
        assertThat(server.s3().listObjectsV2(b -> b.bucket(bucket).prefix("acl-")).contents()).isEmpty();
    }
}

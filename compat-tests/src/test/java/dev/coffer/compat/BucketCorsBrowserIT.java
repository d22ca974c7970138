package dev.coffer.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import dev.coffer.compat.support.NodeScripts;
import dev.coffer.compat.ui.BrowserTests;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CORSRule;

/**
 * A web application on another loopback origin uses a bucket in a real headless Chromium, through
 * nothing but the bucket's CORS rules and presigned URLs ({@code ui-tests/bucket-cors.e2e.mjs}):
 * it uploads with a presigned PUT and reads back with fetch; the browser refuses a DELETE and a
 * request header the rules do not allow, and every request from an origin no rule names. Skipped
 * with the reason where Chromium or the npm packages are missing (failed under CI=true).
 */
@ExtendWith(CofferServerExtension.class)
class BucketCorsBrowserIT {
    private static CofferServer server;

    @BeforeAll
    static void start(CofferServer cofferServer) {
        server = cofferServer;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES) // a browser session, not one S3 call
    void aPageOnAnotherOriginUploadsAndReadsWhereTheRulesAllowAndIsRefusedElsewhere() throws Exception {
        BrowserTests.requireAvailable();
        String bucket = server.createBucket("cors-browser");
        int allowed = freePort();
        int other = freePort();
        server.s3().putBucketCors(b -> b.bucket(bucket).corsConfiguration(c -> c.corsRules(CORSRule.builder()
                .allowedOrigins("http://127.0.0.1:" + allowed).allowedMethods("GET", "PUT")
                .allowedHeaders("content-type", "x-amz-*").exposeHeaders("ETag").maxAgeSeconds(5).build())));
        server.s3().putObject(b -> b.bucket(bucket).key("from-page.txt"), RequestBody.fromString("before"));
        Duration valid = Duration.ofMinutes(10);
        String put = server.presigner().presignPutObject(p -> p.signatureDuration(valid)
                .putObjectRequest(o -> o.bucket(bucket).key("from-page.txt"))).url().toString();
        String get = server.presigner().presignGetObject(p -> p.signatureDuration(valid)
                .getObjectRequest(o -> o.bucket(bucket).key("from-page.txt"))).url().toString();
        String delete = server.presigner().presignDeleteObject(p -> p.signatureDuration(valid)
                .deleteObjectRequest(o -> o.bucket(bucket).key("from-page.txt"))).url().toString();

        NodeScripts.Result result = BrowserTests.run("bucket-cors.e2e.mjs", 150, String.valueOf(allowed),
                String.valueOf(other), put, get, delete);

        assertThat(result.output()).as(result.output())
                .contains("ok - a page on the allowed origin uploads with a presigned PUT and reads the exposed ETag")
                .contains("ok - it reads the object back with fetch; a header not exposed stays hidden")
                .contains("ok - a DELETE the rules do not allow is refused by the browser")
                .contains("ok - a request header the rules do not allow is refused by the browser")
                .contains("ok - a page on an origin no rule names cannot read the object")
                .contains("5 passed, 0 failed")
                .doesNotContain("not ok");
        assertThat(result.exitCode()).isZero();
        // The refused DELETE never reached the server: the page's upload is still there.
        assertThat(server.s3().getObjectAsBytes(b -> b.bucket(bucket).key("from-page.txt")).asUtf8String())
                .isEqualTo("written by a page on another origin");
    }
}

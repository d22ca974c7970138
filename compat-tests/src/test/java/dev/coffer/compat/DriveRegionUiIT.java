package dev.coffer.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.coffer.compat.ops.CofferProcess;
import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.NodeScripts;
import dev.coffer.compat.ui.BrowserTests;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Coffer Drive on a server whose region is not us-east-1 ({@code COFFER_REGION=eu-west-1}, a
 * process of its own: the region is a server setting): {@code ui-tests/drive-region.e2e.mjs} finds
 * the sign-in form's region filled from the server and signs in with the key pair alone.
 */
class DriveRegionUiIT {

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES) // a server start and a browser session
    void aServerInAnotherRegionTellsTheSignInFormItsRegion(@TempDir Path dir) throws Exception {
        BrowserTests.requireAvailable();
        Map<String, String> env = Map.of("COFFER_DATA_DIR", dir.resolve("data").toString(),
                "COFFER_ACCESS_KEY", CofferServer.ACCESS_KEY, "COFFER_SECRET_KEY", CofferServer.SECRET_KEY,
                "COFFER_REGION", "eu-west-1");
        try (CofferProcess euWest = CofferProcess.start(env, dir.resolve("coffer.log"));
                S3Client client = euWest.client(Region.EU_WEST_1)) {
            String bucket = "region-" + Long.toHexString(System.nanoTime());
            client.createBucket(b -> b.bucket(bucket));
            NodeScripts.Result result = BrowserTests.run("drive-region.e2e.mjs", 120,
                    "http://127.0.0.1:" + euWest.drivePort() + "/", CofferServer.ACCESS_KEY, CofferServer.SECRET_KEY,
                    "eu-west-1", bucket);
            assertThat(result.output()).as(result.output())
                    .contains("ok - the sign-in form takes the server's region, and the key pair alone signs in")
                    .contains(" 0 failed")
                    .doesNotContain("not ok");
            assertThat(result.exitCode()).as(result.output()).isZero();
        }
    }
}

package dev.coffer.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import dev.coffer.compat.support.NodeScripts;
import dev.coffer.compat.ui.BrowserTests;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * Coffer Drive in a real headless Chromium against the real server, the drive on its own origin
 * calling the S3 endpoint cross-origin: the script {@code ui-tests/drive.e2e.mjs} signs in, creates
 * a bucket, drops a small and a 50 MiB file, browses, previews, shares, renames, deletes and signs
 * out, saving screenshots into docs/screenshots/; {@code ui-tests/drive-scale.e2e.mjs} pages
 * through a large folder; {@code ui-tests/share-isolation.e2e.mjs} shares a hostile
 * HTML file and opens it in the signed-in browser. Skipped with the reason where Chromium or the
 * npm packages are missing (and failed instead under {@code CI=true}).
 */
@ExtendWith(CofferServerExtension.class)
class DriveUiIT {

    /**
     * The large folder: {@code coffer.drive.scale.objects}, 5,000 in {@code mvn verify}. That is five
     * of the drive's pages of 1,000, so every behaviour the script asserts is there: the first rows
     * from one page, four later pages each asked for once from the last one's continuation token,
     * 5,000 rows with fewer than 200 of them in the DOM, the grid's row count, a prefix filter that
     * finds the last object. Not fewer: with rows never taken out of the DOM the scroll leaves 292
     * in it at 5,000 (caught) but fewer than 200 at 2,500 (not caught). At 100,000 (the README's
     * figure; scripts/drive-scale-run.sh) nothing more is asserted (the per-page times are printed,
     * never asserted), and creating the objects is most of the test: 10,000 took 28 s of CI
     * (docs/benchmarks.md, "CI time, fourth pass" and "fifth pass").
     */
    private static final int OBJECTS = Integer.getInteger("coffer.drive.scale.objects", 5_000);
    private static final String FOLDER = "big/";
    private static final int CREATORS = 128;

    private static CofferServer server;

    @BeforeAll
    static void start(CofferServer cofferServer) {
        server = cofferServer;
    }

    @Test
    void drivePathsOutsideTheUiFolderAreRefused() throws Exception {
        String drive = server.driveUrl().toString();
        for (String path : new String[] {"../index.html", "%2e%2e/index.html",
            "%2E%2E%2F%2E%2E%2Fapplication.properties", "js/..%2fapp.js", "application.properties"}) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(drive + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(404);
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES) // a browser session, not one S3 call
    void aPersonUsesTheDriveInChromium() throws Exception {
        BrowserTests.requireAvailable();
        NodeScripts.Result result = BrowserTests.run("drive.e2e.mjs", 600, server.driveUrl().toString(),
                server.endpoint().toString(), CofferServer.ACCESS_KEY, CofferServer.SECRET_KEY);
        assertThat(result.output()).as(result.output())
                .contains("ok - sign in with the access key and secret")
                .contains("ok - create a bucket")
                .contains("ok - drop a small file and a 50 MiB file; both progress bars reach 100%")
                .contains("ok - breadcrumbs lead back to the bucket")
                .contains("ok - preview an image and a Markdown file in the page")
                .contains("ok - share a link for one hour; it is on the clipboard and works without credentials")
                .contains("ok - rename a file into a new folder (move)")
                .contains("ok - delete several items, folders included, after confirming")
                .contains("ok - versioned bucket: the versions list downloads and restores an earlier version")
                .contains("ok - a failed part is retried; a cancelled upload leaves nothing")
                .contains("ok - sign out: the session is gone, a reload shows the sign-in form")
                .contains(" 0 failed")
                .doesNotContain("not ok");
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    /**
     * The attack: a stored HTML file, shared, whose script looks for the drive's keys. On a server
     * that serves the drive and the objects from one origin, it reads them; here it must not.
     */
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES) // a browser session, not one S3 call
    void aSharedHtmlFileOpenedInTheSignedInBrowserReachesNothingOfTheDrive() throws Exception {
        BrowserTests.requireAvailable();
        NodeScripts.Result result = BrowserTests.run("share-isolation.e2e.mjs", 300, server.driveUrl().toString(),
                server.endpoint().toString(), CofferServer.ACCESS_KEY, CofferServer.SECRET_KEY);
        assertThat(result.output()).as(result.output())
                .contains("ok - the probe run in the drive itself finds the keys and the canary (control)")
                .contains("ok - opened with the share dialog's \"Open link\", the file reaches nothing of the drive")
                .contains("ok - opened by window.open from the drive's page, it gets no handle on the drive")
                .contains("ok - pasted into a new tab of the signed-in browser, it reaches nothing of the drive")
                .contains(" 0 failed")
                .doesNotContain("not ok");
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES) // a browser session, not one S3 call
    void aLargeFolderOpensAtOncePagesInOnScrollAndFiltersByPrefix() throws Exception {
        BrowserTests.requireAvailable();
        String bucket = server.createBucket("drive-large");
        long started = System.nanoTime();
        // As many requests in flight as connections (the SDK's default pool of 50 queued the rest),
        // and no flexible checksum on these empty bodies: plain PUTs, a third faster to make.
        Semaphore inFlight = new Semaphore(CREATORS);
        List<CompletableFuture<?>> puts = new ArrayList<>();
        try (S3AsyncClient s3 = S3AsyncClient.builder()
                .endpointOverride(server.endpoint())
                .region(CofferServer.REGION)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(CofferServer.ACCESS_KEY, CofferServer.SECRET_KEY)))
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().maxConcurrency(CREATORS))
                .build()) {
            for (int i = 0; i < OBJECTS; i++) {
                String key = FOLDER + String.format("file-%06d.txt", i);
                inFlight.acquire();
                puts.add(s3.putObject(b -> b.bucket(bucket).key(key), AsyncRequestBody.empty())
                        .whenComplete((r, e) -> inFlight.release()));
            }
            CompletableFuture.allOf(puts.toArray(CompletableFuture[]::new)).join();
        }
        System.out.printf("created %,d objects in %d ms%n", OBJECTS, (System.nanoTime() - started) / 1_000_000);

        NodeScripts.Result result = BrowserTests.run("drive-scale.e2e.mjs", 600, server.driveUrl().toString(),
                CofferServer.ACCESS_KEY, CofferServer.SECRET_KEY, bucket, FOLDER, String.valueOf(OBJECTS));
        assertThat(result.output()).as(result.output())
                .contains(String.format(Locale.ROOT, "ok - open a folder of %,d objects: the first rows show at once", OBJECTS))
                .contains("ok - scrolling loads every page once, each from where the last ended")
                .contains("ok - a name-prefix filter finds the last object without loading the rest")
                .contains(" 0 failed");
        assertThat(result.exitCode()).as(result.output()).isZero();
    }
}

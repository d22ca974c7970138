package dev.coffer.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
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
import software.amazon.awssdk.core.async.AsyncRequestBody;

/**
 * Coffer Drive acting like a drive, in a real headless Chromium against the real server, at desktop
 * and phone sizes: the script {@code ui-tests/drive-browse.e2e.mjs} covers the grid with thumbnails,
 * previews with previous/next, Markdown tables and Office files, the row and right-click menus, the
 * sticky action bar, Move with the folder picker, selection and focus after moves, deletes and
 * renames, zip downloads read back entry by entry, bucket search, versions, and the phone layout;
 * screenshots go to docs/screenshots/drive-browse-*.png. The bucket it searches is made here.
 */
@ExtendWith(CofferServerExtension.class)
class DriveBrowseUiIT {

    private static final int OBJECTS = 2_250; // three listing pages
    private static final int EVERY = 15; // one name in 15 holds the needle: 150 matches
    private static final String[] NEEDLES = {"needle", "NEEDLE", "Needle", "xNeEdLe"};

    private static CofferServer server;

    @BeforeAll
    static void start(CofferServer cofferServer) {
        server = cofferServer;
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES) // a browser session, not one S3 call
    void aPersonBrowsesTheDriveLikeADrive() throws Exception {
        BrowserTests.requireAvailable();
        String searched = server.createBucket("drive-search");
        Semaphore inFlight = new Semaphore(64);
        List<CompletableFuture<?>> puts = new ArrayList<>();
        for (int i = 0; i < OBJECTS; i++) {
            String key = String.format("logs/day-%05d", i) + (i % EVERY == 0 ? "-" + NEEDLES[i / EVERY % NEEDLES.length] : "") + ".txt";
            inFlight.acquire();
            puts.add(server.s3Async().putObject(b -> b.bucket(searched).key(key), AsyncRequestBody.empty())
                    .whenComplete((r, e) -> inFlight.release()));
        }
        CompletableFuture.allOf(puts.toArray(CompletableFuture[]::new)).join();

        NodeScripts.Result result = BrowserTests.run("drive-browse.e2e.mjs", 280, server.driveUrl().toString(),
                server.endpoint().toString(), CofferServer.ACCESS_KEY, CofferServer.SECRET_KEY, searched,
                String.valueOf(OBJECTS / EVERY));
        assertThat(result.output()).as(result.output())
                .contains("ok - sign in, create a bucket, and drop images, a Markdown table, an Office file and text files")
                .contains("ok - grid view: a toggle that is remembered, thumbnails of small images from ranged reads, cached across a reload")
                .contains("ok - preview: previous and next by buttons and arrow keys; a Markdown table; an Office file offered for download")
                .contains("ok - row menu (⋯) and right-click menu act on that row; Escape gives the focus back")
                .contains("ok - move a file and a folder with the folder picker; selection and focus stay consistent")
                .contains("ok - rename keeps the focus on the renamed row")
                .contains("ok - several files and a folder as one zip, streamed to a file chosen with the File System Access API")
                .contains("ok - without the File System Access API the zip is a download; its entries are byte for byte what was uploaded")
                .contains("ok - search the whole bucket: case-insensitive substring, a page at a time with More; no matches is said so")
                .contains("ok - versions to the second, preview and download of an earlier version; the bucket list shows versioning")
                .contains("ok - the action bar stays in view while a long folder scrolls")
                .contains("ok - phone: the breadcrumbs fold the middle into “…”, every button shows its label, no sideways scrolling")
                .contains("ok - phone: the grid, and an upload panel that leaves the list readable above it")
                .contains(" 0 failed")
                .doesNotContain("not ok");
        assertThat(result.exitCode()).as(result.output()).isZero();
    }
}

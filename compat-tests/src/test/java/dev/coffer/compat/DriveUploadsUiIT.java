package dev.coffer.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.NodeScripts;
import dev.coffer.compat.ui.BrowserTests;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.Part;

/**
 * Coffer Drive never loses a file, in a real headless Chromium against a real server of this
 * test's own (it is stopped and restarted in the middle): {@code ui-tests/drive-uploads.e2e.mjs}
 * uploads over existing names (replace, keep both, keep as a version; one question for a batch),
 * drags a folder of folders from the disk and picks it (each file under its path, an empty dragged
 * folder made as its "name/" marker; a folder of many files checked for existing names by one
 * listing, not a HEAD each), renames in a versioned bucket (the dialog says the old name
 * stays under Deleted, and it does), deletes and restores files and a folder from "Recently deleted", reloads the page in the middle
 * of a 50 MiB upload and finishes it, closes the tab of another and finishes it after a new
 * sign-in, loses the network and the server during uploads that then finish without a click, and
 * resumes (one it started, one it forgot) and aborts from the unfinished-uploads page — at
 * desktop and phone sizes, saving docs/screenshots/drive-uploads-*.png. The script stops and
 * starts the server through a small control endpoint of this test ({@code GET /stop},
 * {@code GET /start}). A second script drags a file from the disk (as the operating system does,
 * so Chromium gives a real File System Access handle) and reloads in the middle of its upload: the
 * upload's record keeps the handle (headless Chromium cannot grant it again after the reload; see
 * the script). A third script uploads folders of 200, 60 and 20 files, each one line in the panel
 * that counts its files, cancels all of them at once, retries those a bucket policy refused,
 * removes a refused folder's line as a whole, and finishes a folder's large file after a reload.
 */
class DriveUploadsUiIT {

    private static volatile CofferServer server;
    private static volatile CofferServer.Restart restart;
    private static HttpServer control;

    @BeforeAll
    static void start() throws IOException {
        server = CofferServer.startInProcess();
        control = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        control.createContext("/stop", exchange -> answer(exchange, () -> restart = server.stopForRestart()));
        control.createContext("/start", exchange -> answer(exchange, () -> server = restart.start()));
        control.start();
    }

    private static void answer(HttpExchange exchange, Runnable action) throws IOException {
        String reply;
        int status;
        try {
            action.run();
            reply = "done";
            status = 200;
        } catch (RuntimeException e) {
            reply = e.toString();
            status = 500;
        }
        byte[] body = reply.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @AfterAll
    static void stop() throws IOException {
        if (control != null) {
            control.stop(0);
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES) // a browser session with a server restart, not one S3 call
    void noUploadOrDeletedFileIsLost() throws Exception {
        BrowserTests.requireAvailable();
        String controlUrl = "http://127.0.0.1:" + control.getAddress().getPort();
        NodeScripts.Result result = BrowserTests.run("drive-uploads.e2e.mjs", 330, server.driveUrl().toString(),
                server.endpoint().toString(), CofferServer.ACCESS_KEY, CofferServer.SECRET_KEY, controlUrl);
        assertThat(result.output()).as(result.output())
                .contains("ok - uploading over an existing name asks: keep both, replace, or skip; one question for a batch")
                .contains("ok - a folder upload over existing names asks once")
                .contains("ok - a folder dragged in keeps its folders, each upload line shows the path, an empty folder becomes \"name/\"")
                .contains("ok - a folder of 6 files dropped where nothing is starts at once: one listing, no HEAD per file; dropped again, one question")
                .contains("ok - phone: the overwrite question fits and keeps both")
                .contains("ok - versioned bucket: keep the old file as a version, or replace it for good")
                .contains("ok - deleting a folder says how many objects go")
                .contains("ok - recently deleted lists deleted files and folders and restores them")
                .contains("ok - a rename in a versioned bucket says first that the old name stays under Deleted, where it then is")
                .contains("ok - an unversioned bucket says it keeps no deleted files")
                .contains("ok - a reload in the middle of a 50 MiB upload: leaving asks first, the upload goes on after choosing the file again")
                .contains("ok - the unfinished-uploads page shows size, resumes and aborts")
                .contains("ok - an upload started elsewhere resumes from the unfinished-uploads page once its file is checked")
                .contains("ok - a closed tab: after signing in again in a new tab, the upload goes on")
                .contains("ok - a dropped network: the upload waits and goes on by itself when the browser is online again")
                .contains("ok - the server stopped and restarted during an upload: it completes without a click")
                .contains(" 0 failed")
                .doesNotContain("not ok");
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES) // a browser session of some 250 uploads, not one S3 call
    void aFolderUploadIsOneLineThatCountsItsFilesCancelsThemAndRetriesTheFailedOnes() throws Exception {
        String bucket = server.createBucket("drive-groups");
        runOn(bucket, "drive-upload-groups.e2e.mjs", 150,
                "ok - a folder of 200 files is one line that counts to 200 of 200, and opens to its files",
                "ok - Cancel on a folder stops every file not yet uploaded: the line says cancelled, the bucket holds only those counted done",
                "ok - a dragged folder some of whose files a policy refuses says \"4 failed\", shows them first with the reason;"
                        + " Retry failed sends them once allowed",
                "ok - a folder line that settled with failures leaves the list as a whole",
                "ok - after a reload, a folder's unfinished large file is back under the folder's line, and \"Choose folder\" finishes it",
                "6 passed, 0 failed");
        assertThat(keyCount(bucket, "photos/")).as("the picked folder, listed by the SDK").isEqualTo(200);
        assertThat(keyCount(bucket, "cancel/holiday/")).as("what went up before Cancel, and nothing after").isEqualTo(30);
        assertThat(keyCount(bucket, "mixed/")).as("the dragged folder, the refused files retried").isEqualTo(20);
        assertThat(keyCount(bucket, "refused/")).as("the folder whose files were all refused").isZero();
        assertThat(server.s3().headObject(b -> b.bucket(bucket).key("album/video.bin")).contentLength())
                .as("the large file finished after the reload").isEqualTo(20L << 20);
    }

    /** Runs a browser script given the drive, the keys and {@code bucket}; it must print each of {@code lines} and exit 0. */
    private static void runOn(String bucket, String script, long timeoutSeconds, String... lines) throws Exception {
        BrowserTests.requireAvailable();
        NodeScripts.Result result = BrowserTests.run(script, timeoutSeconds, server.driveUrl().toString(),
                CofferServer.ACCESS_KEY, CofferServer.SECRET_KEY, bucket);
        assertThat(result.output()).as(result.output()).contains(lines).doesNotContain("not ok");
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    private static int keyCount(String bucket, String prefix) {
        return server.s3().listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream().mapToInt(o -> 1).sum();
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES) // a browser session, not one S3 call
    void aFileDraggedFromTheDiskKeepsItsFileSystemAccessHandleAcrossAReload() throws Exception {
        String bucket = server.createBucket("drive-handle");
        runOn(bucket, "drive-resume-handle.e2e.mjs", 200,
                "handle kept - dragged.bin: a FileSystemFileHandle in the upload's record after the reload",
                "parts on the server 1,2",
                "1 passed, 0 failed");
        MultipartUpload upload = server.s3().listMultipartUploads(b -> b.bucket(bucket)).uploads().get(0);
        assertThat(upload.key()).isEqualTo("dragged.bin");
        assertThat(server.s3().listParts(b -> b.bucket(bucket).key("dragged.bin").uploadId(upload.uploadId())).parts())
                .as("what the drive can go on from").extracting(Part::partNumber).containsExactly(1, 2);
    }
}

package dev.coffer.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import dev.coffer.compat.ui.BrowserTests;
import software.amazon.awssdk.core.async.AsyncRequestBody;

/**
 * Coffer Drive in a folder of 100,000 objects, in headless Chromium: the first rows show at once,
 * scrolling pages through the whole folder at an even pace, and a name filter answers at once
 * ({@code ui-tests/drive-scale.e2e.mjs}).
 */
@ExtendWith(CofferServerExtension.class)
class DriveUiLargeFolderIT {

    private static final int OBJECTS = 100_000;
    private static final String FOLDER = "big/";

    private static CofferServer server;

    @BeforeAll
    static void start(CofferServer cofferServer) {
        BrowserTests.assumeAvailable();
        server = cofferServer;
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES) // a browser session, not one S3 call
    void aFolderOfOneHundredThousandObjectsStaysFast() throws Exception {
        String bucket = server.createBucket("drive-large");
        long started = System.nanoTime();
        Semaphore inFlight = new Semaphore(256);
        List<CompletableFuture<?>> puts = new ArrayList<>();
        for (int i = 0; i < OBJECTS; i++) {
            String key = FOLDER + String.format("file-%06d.txt", i);
            inFlight.acquire();
            puts.add(server.s3Async().putObject(b -> b.bucket(bucket).key(key), AsyncRequestBody.empty())
                    .whenComplete((r, e) -> inFlight.release()));
        }
        CompletableFuture.allOf(puts.toArray(CompletableFuture[]::new)).join();
        System.out.printf("created %,d objects in %d ms%n", OBJECTS, (System.nanoTime() - started) / 1_000_000);

        BrowserTests.Result result = BrowserTests.run("drive-scale.e2e.mjs", 600, server.endpoint().toString(),
                CofferServer.ACCESS_KEY, CofferServer.SECRET_KEY, bucket, FOLDER, String.valueOf(OBJECTS));
        assertThat(result.output()).as(result.output())
                .contains("ok - open a folder of 100,000 objects: the first rows show at once")
                .contains("ok - scrolling loads every page; a late page is as fast as an early one")
                .contains("ok - a name-prefix filter finds the last object without loading the rest")
                .contains(" 0 failed");
        assertThat(result.exitCode()).as(result.output()).isZero();
    }
}

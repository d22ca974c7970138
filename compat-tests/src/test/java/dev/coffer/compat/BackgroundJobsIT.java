package dev.coffer.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.compat.support.ChunkFiles;
import dev.coffer.compat.support.CofferServer;
import java.io.RandomAccessFile;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The background-job runner on the real server: every kind's progress in /_coffer/metrics, and
 * the scrub finding a byte flipped on disk (quarantined and counted) without a client reading it.
 */
class BackgroundJobsIT {
    private static CofferServer server;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    @Timeout(300) // a server of its own starts slowly on a loaded machine
    static void start() {
        server = CofferServer.startInProcess("--coffer.jobs.scrub-interval=1s", "--coffer.gc-interval=300ms",
                "--coffer.jobs.scrub-bytes-per-second=100000000");
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.close();
    }

    private static String scrape() throws Exception {
        String token = Files.readString(server.dataDir().resolve("metrics-token"));
        return http.send(HttpRequest.newBuilder(server.endpoint().resolve("/_coffer/metrics"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static double metric(String series) throws Exception {
        Matcher m = Pattern.compile("^" + Pattern.quote(series) + " ([0-9.eE+-]+)$", Pattern.MULTILINE).matcher(scrape());
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }

    @Test
    void everyJobKindReportsBacklogDoneFailedLastRunAndDuration() throws Exception {
        String text = scrape();
        for (String kind : new String[] {"gc", "sweep", "scrub"}) {
            for (String series : new String[] {"coffer_jobs_backlog", "coffer_jobs_done_total", "coffer_jobs_failed_total",
                    "coffer_jobs_last_run_timestamp_seconds", "coffer_jobs_last_duration_seconds"}) {
                assertThat(text).as(kind + " " + series).contains(series + "{kind=\"" + kind + "\"}");
            }
        }
    }

    @Test
    @Timeout(60)
    void scrubFindsAByteFlippedInAChunkFileQuarantinesAndCountsIt() throws Exception {
        String bucket = server.createBucket("scrub");
        ChunkFiles before = ChunkFiles.snapshot(server);
        server.s3().putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromBytes(new byte[200_000]));
        Set<Path> added = before.added();
        assertThat(added).hasSize(1);
        Path chunk = added.iterator().next();
        try (RandomAccessFile f = new RandomAccessFile(chunk.toFile(), "rw")) {
            f.seek(100_000);
            f.write(1);
        }
        double corruptBefore = metric("coffer_scrub_corrupt_chunks_total");
        Path quarantined = server.dataDir().resolve("chunks-store/quarantine").resolve(chunk.getFileName());
        while (!Files.exists(quarantined)) Thread.sleep(200);
        assertThat(Files.exists(chunk)).isFalse();
        while (metric("coffer_scrub_corrupt_chunks_total") < corruptBefore + 1) Thread.sleep(200);
        // The chunk is counted while its pass runs; the pass is counted done when it ends.
        while (metric("coffer_jobs_done_total{kind=\"scrub\"}") <= 0) Thread.sleep(200);
        assertThat(metric("coffer_jobs_failed_total{kind=\"scrub\"}")).isZero();
    }
}

package dev.coffer.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.compat.support.Awaits;
import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.Metrics;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A start on a data directory left damaged: a chunk file gone, a half-written temporary chunk in
 * tmp/, and the catalogue's newest WAL cut short (its last record torn, as a power cut tears a
 * write whose sync had not returned). The server starts, removes the temporary file, and serves
 * every intact object byte for byte; the object whose chunk is gone is refused (500 saying its data
 * is missing, without the object's checksum headers), never served wrong. The chunk-audit's first
 * pass, on the job runner after the start (which it does not hold up), reports the missing chunk by
 * its id in {@code /_coffer/health} and {@code coffer_chunks_missing}. (The same on the jar, with
 * figures: the damaged-start row of docs/fault-report.md.)
 */
class DamagedStartIT {
    @Test
    void aDamagedDataDirectoryStartsAndServesEverythingIntact() throws Exception {
        CofferServer before = CofferServer.startInProcess();
        Path dataDir = before.dataDir();
        String bucket = before.createBucket("damaged");
        Random random = new Random(22);
        Map<String, byte[]> stored = new LinkedHashMap<>();
        for (int i = 0; i < 6; i++) {
            byte[] chunked = new byte[100_000 + i];
            byte[] inline = new byte[2_000 + i];
            random.nextBytes(chunked);
            random.nextBytes(inline);
            stored.put("chunked" + i, chunked);
            stored.put("inline" + i, inline);
        }
        stored.forEach((key, body) -> before.s3().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(body)));
        before.s3().putObject(b -> b.bucket(bucket).key("in-flight"), RequestBody.fromString("its WAL record is torn"));
        before.closeKeepingData();

        List<Path> chunks = files(dataDir.resolve("chunks-store").resolve("chunks"));
        assertThat(chunks).hasSize(6);
        Path gone = chunks.get(0);
        byte[] goneBytes = Files.readAllBytes(gone);
        Path temp = dataDir.resolve("chunks-store").resolve("tmp").resolve(gone.getFileName() + ".part");
        Files.write(temp, java.util.Arrays.copyOf(goneBytes, goneBytes.length / 2));
        Files.delete(gone);
        Path wal;
        try (Stream<Path> logs = Files.list(dataDir.resolve("catalog"))) {
            wal = logs.filter(p -> p.getFileName().toString().endsWith(".log")).filter(p -> p.toFile().length() > 20)
                    .max(Comparator.comparing(Path::toString)).orElseThrow();
        }
        try (FileChannel channel = FileChannel.open(wal, StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() - 20);
        }

        // Job ticks every second (the default is 10 s), so the chunk-audit's first pass comes soon.
        CofferServer after = CofferServer.startInProcessOn(dataDir, "--coffer.gc-interval=1s");
        try {
            assertThat(files(dataDir.resolve("chunks-store").resolve("tmp"))).as("the temp chunk is removed").isEmpty();
            int intact = 0;
            int refused = 0;
            String refusedKey = null;
            for (Map.Entry<String, byte[]> e : stored.entrySet()) {
                try {
                    byte[] body = after.s3().getObjectAsBytes(b -> b.bucket(bucket).key(e.getKey())).asByteArray();
                    assertThat(body).as(e.getKey() + " is served byte for byte or not at all").isEqualTo(e.getValue());
                    intact++;
                } catch (S3Exception refusal) {
                    assertThat(refusal.statusCode()).isEqualTo(500);
                    refused++;
                    refusedKey = e.getKey();
                }
            }
            assertThat(refused).as("only the object whose chunk is gone").isEqualTo(1);
            // Asked for checksums (as boto3 asks), the refusal carries none of the object's: they describe no body here.
            var raw = after.raw().signed("GET", "/" + bucket + "/" + refusedKey, Map.of("x-amz-checksum-mode", "ENABLED"),
                    new byte[0]);
            assertThat(raw.statusCode()).isEqualTo(500);
            assertThat(raw.headers().map().keySet()).noneMatch(name -> name.toLowerCase().startsWith("x-amz-checksum-"));
            assertThat(new String(raw.body(), java.nio.charset.StandardCharsets.UTF_8)).contains("missing on the server");
            assertThat(intact).isEqualTo(stored.size() - 1);
            String goneId = gone.getFileName().toString();
            String health = Awaits.await(() -> get(after, "/_coffer/health"), h -> h.contains("missing or cut short"),
                    "the chunk-audit's report in health");
            assertThat(health).contains("1 chunk(s) the catalogue names are missing or cut short on disk", goneId);
            assertThat(Metrics.value(after, "coffer_chunks_missing")).isEqualTo(1.0);
            assertThat(Metrics.value(after, "coffer_jobs_backlog{kind=\"chunk-audit\"}")).isEqualTo(1.0);
            after.s3().putObject(b -> b.bucket(bucket).key("new"), RequestBody.fromString("writes go on"));
            assertThat(after.s3().getObjectAsBytes(b -> b.bucket(bucket).key("new")).asUtf8String()).isEqualTo("writes go on");
        } finally {
            after.close();
        }
    }

    private static String get(CofferServer server, String path) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(server.endpoint().resolve(path))
                    .timeout(java.time.Duration.ofSeconds(10)).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Path> files(Path dir) throws Exception {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }
}

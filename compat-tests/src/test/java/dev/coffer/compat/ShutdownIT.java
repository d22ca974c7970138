package dev.coffer.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.compat.ops.CofferProcess;
import dev.coffer.compat.ops.SeededStream;
import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.TestData;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * SIGTERM, as `docker stop` sends it, while a large upload and a burst of small PUTs run against
 * `java -jar coffer-exec.jar` (configured by environment variables, as in the container): the
 * process exits within the grace period, and after a restart on the same data directory every
 * request that was answered 2xx reads back with identical bytes.
 */
class ShutdownIT {
    private static final Duration GRACE = Duration.ofSeconds(20);
    private static final long LARGE = 400L << 20;
    private static final int WRITERS = 8;
    private static final int MAX_SMALL_PER_WRITER = 2_000;

    private Path dir;

    @BeforeEach
    void createDir() throws IOException {
        dir = Files.createTempDirectory("coffer-shutdown-it-");
    }

    @AfterEach
    void deleteDir() throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private Map<String, String> env() {
        return Map.of(
                "COFFER_DATA_DIR", dir.resolve("data").toString(),
                "COFFER_ACCESS_KEY", CofferServer.ACCESS_KEY,
                "COFFER_SECRET_KEY", CofferServer.SECRET_KEY,
                "COFFER_SHUTDOWN_TIMEOUT", GRACE.toSeconds() + "s");
    }

    /** No retries: a request the dying server refused must count as failed, not be re-sent elsewhere. */
    private static S3Client client(URI endpoint) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(CofferServer.REGION)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(CofferServer.ACCESS_KEY, CofferServer.SECRET_KEY)))
                .forcePathStyle(true)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    private static byte[] smallBody(String key) {
        return TestData.randomBytes(1 + Math.floorMod(key.hashCode(), 16_384), key.hashCode());
    }

    /**
     * Two JVM starts (each waits up to 90 s for health), the grace period and the read-back: more
     * than the suite's 120 s default on a loaded machine (a CI-like run at load 30 timed out in the
     * second start), so it has its own bound.
     */
    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void sigtermDuringUploadsLosesNoAcknowledgedWriteAndExitsWithinTheGracePeriod() throws Exception {
        Map<String, Boolean> acknowledged = new ConcurrentHashMap<>();
        AtomicBoolean largeAcknowledged = new AtomicBoolean();
        long exitMillis;
        try (CofferProcess first = CofferProcess.start(env(), dir.resolve("first.log"));
                S3Client s3 = client(first.uri(""))) {
            s3.createBucket(b -> b.bucket("shutdown"));
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 1);
            List<Future<?>> work = new ArrayList<>();
            work.add(pool.submit(() -> {
                try {
                    s3.putObject(b -> b.bucket("shutdown").key("large.bin"),
                            RequestBody.fromContentProvider(() -> new SeededStream(99, LARGE), LARGE,
                                    "application/octet-stream"));
                    largeAcknowledged.set(true);
                } catch (RuntimeException refused) {
                    // cut by the shutdown: not acknowledged, so nothing is promised
                }
            }));
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                work.add(pool.submit(() -> {
                    for (int i = 0; i < MAX_SMALL_PER_WRITER; i++) {
                        String key = "small/" + writer + "/" + i;
                        try {
                            s3.putObject(b -> b.bucket("shutdown").key(key), RequestBody.fromBytes(smallBody(key)));
                            acknowledged.put(key, true);
                        } catch (RuntimeException refused) {
                            return; // the server is going away: this writer stops
                        }
                    }
                }));
            }
            // SIGTERM once uploads are flowing (a fixed 1.5 s acknowledged none at load 30): bounded, 60 s
            for (int i = 0; i < 600 && acknowledged.size() < 50 && !work.get(0).isDone(); i++) {
                Thread.sleep(100);
            }
            long sent = System.nanoTime();
            first.terminate();
            assertThat(first.awaitExit(GRACE.plusSeconds(15)))
                    .as("the process exits within the grace period (%s) plus JVM teardown", GRACE).isTrue();
            exitMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
            for (Future<?> f : work) {
                f.get(2, TimeUnit.MINUTES);
            }
            pool.shutdown();
            assertThat(first.log()).contains("Commencing graceful shutdown");
        }
        System.out.printf("ShutdownIT: exit %d ms after SIGTERM; %d small PUTs acknowledged; large (%d MiB) acknowledged: %s%n",
                exitMillis, acknowledged.size(), LARGE >> 20, largeAcknowledged.get());
        assertThat(acknowledged).as("some small PUTs were acknowledged before SIGTERM").isNotEmpty();

        try (CofferProcess second = CofferProcess.start(env(), dir.resolve("second.log"));
                S3Client s3 = client(second.uri(""))) {
            for (String key : acknowledged.keySet()) {
                assertThat(s3.getObjectAsBytes(b -> b.bucket("shutdown").key(key)).asByteArray())
                        .as("acknowledged %s", key).isEqualTo(smallBody(key));
            }
            if (largeAcknowledged.get()) {
                try (var in = s3.getObject(b -> b.bucket("shutdown").key("large.bin"))) {
                    assertThat(SeededStream.sha256(in)).isEqualTo(SeededStream.sha256(99, LARGE));
                }
            }
        }
    }
}

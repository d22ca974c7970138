package dev.coffer.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.compat.crash.KillableServer;
import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.Tools;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;

/**
 * A lifecycle pass killed with SIGKILL half-way (the packaged jar, a real process) and restarted on
 * the same data directory completes: every key the rule names ends with exactly one delete marker
 * over its one version (none removed twice: a repeated expiration would add a second marker), and
 * every key it does not name is untouched.
 */
class LifecycleCrashIT {
    private static final int EXPIRING = 1500;
    private static final int KEPT = 200;

    private Path dir;

    @BeforeEach
    void createDir() throws IOException {
        dir = Files.createTempDirectory("coffer-lifecycle-crash-");
    }

    @AfterEach
    void deleteDir() throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    @Timeout(600)
    void killNineInTheMiddleOfAPassThenRestartCompletesItWithNothingRemovedTwiceOrWrongly() throws Exception {
        Tools.require(Files.isRegularFile(KillableServer.JAR), "the packaged server " + KillableServer.JAR.toAbsolutePath(),
                "mvn verify packages it before the ITs; alone: mvn -DskipTests package");
        Path data = dir.resolve("data");
        Path log = dir.resolve("server.log");
        String bucket = "lifecycle-crash";
        String[] settings = {"--coffer.jobs.day-seconds=2", "--coffer.sync-writes=true"};
        double doneAtKill;
        try (KillableServer server = KillableServer.start(data, log, settings); S3Client s3 = client(server.endpoint())) {
            s3.createBucket(b -> b.bucket(bucket));
            s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> puts = new ArrayList<>();
            for (int i = 0; i < EXPIRING + KEPT; i++) {
                String key = i < EXPIRING ? String.format("exp/%05d", i) : String.format("keep/%05d", i);
                puts.add(pool.submit(() -> s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(key))));
            }
            for (Future<?> f : puts) f.get();
            pool.shutdown();
            Thread.sleep(4000); // two "days": every exp/ object is due
            s3.putBucketLifecycleConfiguration(b -> b.bucket(bucket).lifecycleConfiguration(c -> c.rules(r -> r.id("exp")
                    .status(ExpirationStatus.ENABLED).filter(f -> f.prefix("exp/")).expiration(e -> e.days(1)))));
            String token = Files.readString(data.resolve("metrics-token"));
            do {
                Thread.sleep(20);
                doneAtKill = metric(server.endpoint(), token, "coffer_jobs_done_total{kind=\"lifecycle\"}");
            } while (doneAtKill < 100);
            server.killNow();
        }
        assertThat(doneAtKill).as("killed in the middle of the pass").isLessThan(EXPIRING);
        try (KillableServer server = KillableServer.start(data, log, settings); S3Client s3 = client(server.endpoint())) {
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (s3.listObjectsV2(b -> b.bucket(bucket).prefix("exp/").maxKeys(1)).keyCount() > 0) {
                assertThat(System.nanoTime()).as("the pass completes after the restart").isLessThan(deadline);
                Thread.sleep(200);
            }
            Map<String, int[]> perKey = new HashMap<>(); // key -> {versions, markers}
            String keyMarker = null;
            String versionMarker = null;
            while (true) {
                String km = keyMarker;
                String vm = versionMarker;
                ListObjectVersionsResponse page = s3.listObjectVersions(b -> b.bucket(bucket).keyMarker(km).versionIdMarker(vm));
                page.versions().forEach(v -> perKey.computeIfAbsent(v.key(), k -> new int[2])[0]++);
                page.deleteMarkers().forEach(m -> perKey.computeIfAbsent(m.key(), k -> new int[2])[1]++);
                if (!page.isTruncated()) break;
                keyMarker = page.nextKeyMarker();
                versionMarker = page.nextVersionIdMarker();
            }
            assertThat(perKey).hasSize(EXPIRING + KEPT);
            perKey.forEach((key, counts) -> {
                assertThat(counts[0]).as(key + " versions").isEqualTo(1);
                assertThat(counts[1]).as(key + " delete markers").isEqualTo(key.startsWith("exp/") ? 1 : 0);
            });
            System.out.printf("LifecycleCrashIT: killed after %.0f of %d expirations; after the restart all %d expired"
                    + " once, %d kept%n", doneAtKill, EXPIRING, EXPIRING, KEPT);
        }
    }

    private static double metric(URI endpoint, String token, String series) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint.resolve("/_coffer/metrics"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("^" + Pattern.quote(series) + " ([0-9.eE+-]+)$", Pattern.MULTILINE).matcher(r.body());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static S3Client client(URI endpoint) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(CofferServer.REGION)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(CofferServer.ACCESS_KEY, CofferServer.SECRET_KEY)))
                .forcePathStyle(true)
                .build();
    }
}

package dev.coffer.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;

/**
 * Listing while the bucket is written and deleted: every page in order, no key twice, and every
 * key that existed throughout the walk is listed. Bounded loops, loopback only.
 */
@ExtendWith(CofferServerExtension.class)
class ListingConcurrencyIT {
    private static final int STABLE = 300;
    private static final int CHURN_OPS = 600;

    private static int compare(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** Keys "k0000/s" (never touched) interleaved with "k0000/c" (written and deleted while listing). */
    private static Set<String> fill(S3Client s3, String bucket) {
        Set<String> stable = new HashSet<>();
        for (int i = 0; i < STABLE; i++) {
            String key = String.format("k%04d/s", i);
            s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(key));
            stable.add(key);
        }
        return stable;
    }

    private static void churn(S3Client s3, String bucket, AtomicBoolean done) {
        try {
            for (int i = 0; i < CHURN_OPS; i++) {
                String key = String.format("k%04d/c", (i * 37) % STABLE);
                if (i % 3 == 2) {
                    s3.deleteObject(b -> b.bucket(bucket).key(key));
                } else {
                    s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString("x" + i));
                }
            }
        } finally {
            done.set(true);
        }
    }

    @Test
    void listObjectsV2WhileWritingSkipsAndRepeatsNothing(CofferServer server) throws Exception {
        S3Client s3 = server.s3();
        String bucket = server.createBucket("race-v2");
        Set<String> stable = fill(s3, bucket);
        runWhileChurning(server, bucket, () -> {
            List<String> seen = new ArrayList<>();
            String token = null;
            for (int pages = 0; pages < 1000; pages++) {
                String t = token;
                ListObjectsV2Response r = s3.listObjectsV2(b -> b.bucket(bucket).maxKeys(7).continuationToken(t));
                r.contents().forEach(o -> seen.add(o.key()));
                if (!r.isTruncated()) break;
                token = r.nextContinuationToken();
            }
            return seen;
        }, stable);
    }

    @Test
    void listObjectVersionsWhileWritingSkipsAndRepeatsNothing(CofferServer server) throws Exception {
        S3Client s3 = server.s3();
        String bucket = server.createBucket("race-versions");
        s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(c -> c.status(BucketVersioningStatus.ENABLED)));
        Set<String> stable = fill(s3, bucket);
        runWhileChurning(server, bucket, () -> {
            List<String> seen = new ArrayList<>();
            String keyMarker = null;
            String versionMarker = null;
            for (int pages = 0; pages < 5000; pages++) {
                String km = keyMarker;
                String vm = versionMarker;
                ListObjectVersionsResponse r = s3.listObjectVersions(b -> b.bucket(bucket).maxKeys(7)
                        .keyMarker(km).versionIdMarker(vm));
                // Only the stable keys' single versions are checked for order and completeness.
                r.versions().stream().filter(v -> v.key().endsWith("/s")).forEach(v -> seen.add(v.key()));
                if (!r.isTruncated()) break;
                keyMarker = r.nextKeyMarker();
                versionMarker = r.nextVersionIdMarker();
            }
            return seen;
        }, stable);
    }

    private static void runWhileChurning(CofferServer server, String bucket, java.util.concurrent.Callable<List<String>> walk,
                                         Set<String> stable) throws Exception {
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService writers = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> futures = List.of(
                    writers.submit(() -> churn(server.s3(), bucket, done)),
                    writers.submit(() -> churn(server.s3(), bucket, new AtomicBoolean())));
            int walks = 0;
            do {
                List<String> seen = walk.call();
                for (int i = 1; i < seen.size(); i++) {
                    assertThat(compare(seen.get(i - 1), seen.get(i))).as("walk %d: %s then %s", walks, seen.get(i - 1),
                            seen.get(i)).isNegative();
                }
                assertThat(new HashSet<>(seen)).as("walk %d lists every key that existed throughout", walks)
                        .containsAll(stable);
                walks++;
            } while (!done.get() && walks < 50);
            for (Future<?> f : futures) f.get(120, TimeUnit.SECONDS);
            assertThat(walks).isPositive();
        } finally {
            writers.shutdownNow();
        }
    }
}

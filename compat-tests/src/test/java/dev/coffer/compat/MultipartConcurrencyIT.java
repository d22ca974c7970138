package dev.coffer.compat;

import static dev.coffer.compat.support.S3Assertions.assertSameBytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import dev.coffer.compat.support.Multipart;
import dev.coffer.compat.support.TestData;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/** Parts of one upload sent at once over several connections; two uploads of one key racing to complete. */
@ExtendWith(CofferServerExtension.class)
class MultipartConcurrencyIT {
    private static final int MIB = TestData.MIB;
    private static CofferServer server;
    private static S3Client s3;
    private static String bucket;

    @BeforeAll
    static void start(CofferServer cofferServer) {
        server = cofferServer;
        s3 = server.s3();
        bucket = server.createBucket("mp-race");
    }

    @Test
    void partsUploadedConcurrentlyFromSeveralConnectionsAssembleInOrder() throws Exception {
        int count = 8;
        byte[][] parts = new byte[count][];
        for (int i = 0; i < count; i++) parts[i] = TestData.randomBytes(5 * MIB + i, 100 + i);
        String id = Multipart.create(s3, bucket, "parallel");
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try (S3Client other = server.newClient(CofferServer.ACCESS_KEY, CofferServer.SECRET_KEY)) {
            List<CompletableFuture<CompletedPart>> futures = new ArrayList<>();
            for (int i = count - 1; i >= 0; i--) {
                int n = i + 1;
                S3Client client = n % 2 == 0 ? s3 : other;
                futures.add(CompletableFuture.supplyAsync(() -> Multipart.upload(client, bucket, "parallel", id, n, parts[n - 1]), pool));
            }
            List<CompletedPart> done = new ArrayList<>();
            for (CompletableFuture<CompletedPart> f : futures) done.add(f.get());
            done.sort(Comparator.comparing(CompletedPart::partNumber));
            String etag = s3.completeMultipartUpload(b -> b.bucket(bucket).key("parallel").uploadId(id)
                    .multipartUpload(m -> m.parts(done))).eTag();
            assertThat(etag).isEqualTo(Multipart.etagOf(parts));
            assertSameBytes(s3.getObjectAsBytes(b -> b.bucket(bucket).key("parallel")).asByteArray(),
                    Multipart.concat(parts), "parts sent concurrently");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void twoUploadsOfOneKeyRacingLeaveExactlyOneOfThemNeverAMix() throws Exception {
        for (int round = 0; round < 5; round++) {
            byte[][] a = {TestData.randomBytes(5 * MIB, round * 10 + 1), TestData.randomBytes(MIB, round * 10 + 2)};
            byte[][] b = {TestData.randomBytes(5 * MIB, round * 10 + 3), TestData.randomBytes(2 * MIB, round * 10 + 4)};
            String idA = Multipart.create(s3, bucket, "raced");
            String idB = Multipart.create(s3, bucket, "raced");
            List<CompletedPart> partsA = List.of(Multipart.upload(s3, bucket, "raced", idA, 1, a[0]),
                    Multipart.upload(s3, bucket, "raced", idA, 2, a[1]));
            List<CompletedPart> partsB = List.of(Multipart.upload(s3, bucket, "raced", idB, 1, b[0]),
                    Multipart.upload(s3, bucket, "raced", idB, 2, b[1]));
            CyclicBarrier start = new CyclicBarrier(2);
            CompletableFuture<String> fa = CompletableFuture.supplyAsync(() -> completeAfter(start, idA, partsA));
            CompletableFuture<String> fb = CompletableFuture.supplyAsync(() -> completeAfter(start, idB, partsB));
            assertThat(fa.get()).isEqualTo(Multipart.etagOf(a));
            assertThat(fb.get()).isEqualTo(Multipart.etagOf(b));
            var got = s3.getObjectAsBytes(r -> r.bucket(bucket).key("raced"));
            byte[] bytes = got.asByteArray();
            if (got.response().eTag().equals(Multipart.etagOf(a))) {
                assertSameBytes(bytes, Multipart.concat(a), "upload A won");
            } else {
                assertThat(got.response().eTag()).isEqualTo(Multipart.etagOf(b));
                assertSameBytes(bytes, Multipart.concat(b), "upload B won");
            }
        }
    }

    private static String completeAfter(CyclicBarrier start, String id, List<CompletedPart> parts) {
        try {
            start.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return s3.completeMultipartUpload(r -> r.bucket(bucket).key("raced").uploadId(id)
                .multipartUpload(m -> m.parts(parts))).eTag();
    }
}

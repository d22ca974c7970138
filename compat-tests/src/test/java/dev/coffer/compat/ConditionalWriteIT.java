package dev.coffer.compat;

import static dev.coffer.compat.support.S3Assertions.assertS3Error;
import static dev.coffer.compat.support.S3Assertions.status;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** PutObject with If-None-Match: * and If-Match: the conditional writes of S3. */
@ExtendWith(CofferServerExtension.class)
class ConditionalWriteIT {

    private static S3Client s3;
    private static String bucket;

    @BeforeAll
    static void start(CofferServer server) {
        s3 = server.s3();
        bucket = server.createBucket("condwrite");
    }

    @Test
    void putObjectWithIfNoneMatchStarCreatesAMissingKey() {
        PutObjectResponse put = s3.putObject(b -> b.bucket(bucket).key("fresh").ifNoneMatch("*"), RequestBody.fromString("v1"));
        assertThat(status(put)).isEqualTo(200);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("fresh")).asUtf8String()).isEqualTo("v1");
    }

    @Test
    void putObjectWithIfNoneMatchStarOnExistingKeyReturns412AndKeepsTheObject() {
        s3.putObject(b -> b.bucket(bucket).key("exists"), RequestBody.fromString("original"));
        assertS3Error(412, "PreconditionFailed", () -> s3.putObject(b -> b.bucket(bucket).key("exists").ifNoneMatch("*"),
                RequestBody.fromString("intruder")));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("exists")).asUtf8String()).isEqualTo("original");
    }

    @Test
    void putObjectWithMatchingIfMatchReplacesTheObject() {
        String etag = s3.putObject(b -> b.bucket(bucket).key("cas"), RequestBody.fromString("v1")).eTag();
        assertThat(status(s3.putObject(b -> b.bucket(bucket).key("cas").ifMatch(etag), RequestBody.fromString("v2"))))
                .isEqualTo(200);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("cas")).asUtf8String()).isEqualTo("v2");
    }

    @Test
    void putObjectWithOtherIfMatchReturns412AndKeepsTheObject() {
        s3.putObject(b -> b.bucket(bucket).key("cas-stale"), RequestBody.fromString("v1"));
        assertS3Error(412, "PreconditionFailed", () -> s3.putObject(b -> b.bucket(bucket).key("cas-stale")
                .ifMatch("\"00000000000000000000000000000000\""), RequestBody.fromString("v2")));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("cas-stale")).asUtf8String()).isEqualTo("v1");
    }

    @Test
    void putObjectWithIfMatchOnMissingKeyReturnsNoSuchKey() {
        // S3 user guide, conditional writes: with If-Match and no current object, 404 Not Found.
        assertS3Error(404, "NoSuchKey", () -> s3.putObject(b -> b.bucket(bucket).key("cas-missing")
                .ifMatch("\"00000000000000000000000000000000\""), RequestBody.fromString("v1")));
    }

    @Test
    void concurrentIfNoneMatchStarPutsOfOneKeyLetExactlyOneWin() throws Exception {
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Object>> results = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                String body = "writer-" + i;
                results.add(pool.submit(() -> {
                    go.await();
                    try {
                        s3.putObject(b -> b.bucket(bucket).key("race").ifNoneMatch("*"), RequestBody.fromString(body));
                        return body;
                    } catch (S3Exception e) {
                        return e;
                    }
                }));
            }
            go.countDown();
            List<String> winners = new ArrayList<>();
            for (Future<Object> result : results) {
                Object outcome = result.get();
                if (outcome instanceof String body) {
                    winners.add(body);
                } else {
                    S3Exception e = (S3Exception) outcome;
                    // S3 answers 412, or 409 ConditionalRequestConflict while the winner is still in flight.
                    assertThat(e.statusCode() + " " + e.awsErrorDetails().errorCode())
                            .isIn("412 PreconditionFailed", "409 ConditionalRequestConflict");
                }
            }
            assertThat(winners).hasSize(1);
            assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("race")).asUtf8String()).isEqualTo(winners.get(0));
        } finally {
            pool.shutdownNow();
        }
    }
}

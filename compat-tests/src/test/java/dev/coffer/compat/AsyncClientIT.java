package dev.coffer.compat;

import static dev.coffer.compat.support.S3Assertions.assertSameBytes;
import static dev.coffer.compat.support.S3Assertions.status;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import dev.coffer.compat.support.TestData;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The SDK's async client (Netty) with default settings: a multi-MiB round trip and parallel puts. */
@ExtendWith(CofferServerExtension.class)
class AsyncClientIT {

    private static S3AsyncClient s3;
    private static String bucket;

    @BeforeAll
    static void start(CofferServer server) {
        s3 = server.s3Async();
        bucket = server.createBucket("async");
    }

    @Test
    void asyncPutGetListDeleteRoundTripsEightMib() throws Exception {
        byte[] bytes = TestData.randomBytes(8 * TestData.MIB, 8);
        PutObjectResponse put = s3.putObject(b -> b.bucket(bucket).key("big"), AsyncRequestBody.fromBytes(bytes))
                .get(60, TimeUnit.SECONDS);
        assertThat(put.eTag()).isEqualTo(TestData.etagOf(bytes));

        ResponseBytes<GetObjectResponse> got = s3.getObject(b -> b.bucket(bucket).key("big"),
                AsyncResponseTransformer.toBytes()).get(60, TimeUnit.SECONDS);
        assertThat(got.response().contentLength()).isEqualTo((long) bytes.length);
        assertSameBytes(got.asByteArray(), bytes, "async GET");

        ListObjectsV2Response list = s3.listObjectsV2(b -> b.bucket(bucket).prefix("big")).get(30, TimeUnit.SECONDS);
        assertThat(list.contents()).extracting(S3Object::key, S3Object::size).containsExactly(
                org.assertj.core.groups.Tuple.tuple("big", (long) bytes.length));

        assertThat(status(s3.deleteObject(b -> b.bucket(bucket).key("big")).get(30, TimeUnit.SECONDS))).isEqualTo(204);
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket).prefix("big")).get(30, TimeUnit.SECONDS).contents()).isEmpty();
    }

    @Test
    void asyncParallelPutsOfDistinctKeysAllLand() throws Exception {
        List<CompletableFuture<PutObjectResponse>> puts = IntStream.range(0, 16).mapToObj(i -> s3.putObject(
                b -> b.bucket(bucket).key("parallel/" + i), AsyncRequestBody.fromBytes(TestData.randomBytes(64 * 1024 + i, i))))
                .toList();
        CompletableFuture.allOf(puts.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        for (int i = 0; i < 16; i++) {
            assertThat(puts.get(i).join().eTag()).isEqualTo(TestData.etagOf(TestData.randomBytes(64 * 1024 + i, i)));
        }
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket).prefix("parallel/")).get(30, TimeUnit.SECONDS).keyCount())
                .isEqualTo(16);
    }
}

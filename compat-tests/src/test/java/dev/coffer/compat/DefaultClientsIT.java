package dev.coffer.compat;

import static dev.coffer.compat.support.S3Assertions.assertSameBytes;
import static dev.coffer.compat.support.S3Assertions.assertXmlError;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.coffer.compat.support.ChunkFiles;
import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import dev.coffer.compat.support.HandSigner;
import dev.coffer.compat.support.TestData;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * The AWS SDK for Java v2 at its default settings — sync (Apache), async (Netty) and presigner —
 * with every flexible checksum algorithm, as trailer and as header. An interceptor (which changes
 * nothing) records the payload mode each upload used, so the test shows which signing mode it
 * exercised.
 */
@ExtendWith(CofferServerExtension.class)
class DefaultClientsIT {
    /** The algorithms S3 and Coffer support (the SDK also knows newer ones S3 has not announced for PUT). */
    enum Algorithm {
        CRC32(ChecksumAlgorithm.CRC32), CRC32C(ChecksumAlgorithm.CRC32_C), CRC64NVME(ChecksumAlgorithm.CRC64_NVME),
        SHA1(ChecksumAlgorithm.SHA1), SHA256(ChecksumAlgorithm.SHA256);

        final ChecksumAlgorithm sdk;

        Algorithm(ChecksumAlgorithm sdk) {
            this.sdk = sdk;
        }
    }

    private static final byte[] BODY = TestData.randomBytes(300 * 1024, 77);
    private static final List<Map<String, List<String>>> SENT = new CopyOnWriteArrayList<>();

    private static CofferServer server;
    private static String bucket;
    private static S3Client sync;
    private static S3AsyncClient async;

    @BeforeAll
    static void start(CofferServer cofferServer) {
        server = cofferServer;
        bucket = server.createBucket("defaults");
        ExecutionInterceptor recorder = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                SENT.add(context.httpRequest().headers());
            }
        };
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(CofferServer.ACCESS_KEY, CofferServer.SECRET_KEY));
        sync = S3Client.builder().endpointOverride(server.endpoint()).region(CofferServer.REGION)
                .credentialsProvider(credentials).forcePathStyle(true)
                .overrideConfiguration(o -> o.addExecutionInterceptor(recorder)).build();
        async = S3AsyncClient.builder().endpointOverride(server.endpoint()).region(CofferServer.REGION)
                .credentialsProvider(credentials).forcePathStyle(true)
                .overrideConfiguration(o -> o.addExecutionInterceptor(recorder)).build();
    }

    @AfterAll
    static void close() {
        sync.close();
        async.close();
    }

    @Test
    void syncDefaultPutSendsSignedChunksWithACrc32Trailer() {
        SENT.clear();
        sync.putObject(b -> b.bucket(bucket).key("default-sync"), RequestBody.fromBytes(BODY));
        assertThat(lastSent("x-amz-content-sha256")).isEqualTo("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER");
        assertThat(lastSent("x-amz-trailer")).isEqualTo("x-amz-checksum-crc32");
        GetObjectResponse got = sync.getObject(b -> b.bucket(bucket).key("default-sync").checksumMode(ChecksumMode.ENABLED),
                (response, in) -> {
                    assertSameBytes(in.readAllBytes(), BODY, "default sync round trip");
                    return response;
                });
        assertThat(got.checksumCRC32()).isNotNull();
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void syncPutWithEachAlgorithmAsTrailerIsStoredAndReturned(Algorithm algorithm) {
        SENT.clear();
        String key = "sync-trailer-" + algorithm;
        PutObjectResponse put = sync.putObject(b -> b.bucket(bucket).key(key).checksumAlgorithm(algorithm.sdk),
                RequestBody.fromBytes(BODY));
        assertThat(lastSent("x-amz-trailer")).isEqualTo("x-amz-checksum-" + algorithm.name().toLowerCase());
        assertChecksumReturned(key, algorithm, checksumOf(put, algorithm));
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void syncPutWithEachAlgorithmAsHeaderIsStoredAndReturned(Algorithm algorithm) {
        String value = expected(algorithm);
        String key = "sync-header-" + algorithm;
        SENT.clear();
        sync.putObject(b -> withValue(b.bucket(bucket).key(key), algorithm, value), RequestBody.fromBytes(BODY));
        assertThat(lastSent("x-amz-checksum-" + algorithm.name().toLowerCase())).isEqualTo(value);
        assertThat(lastSent("x-amz-trailer")).isNull();
        assertChecksumReturned(key, algorithm, value);
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void asyncPutWithEachAlgorithmRoundTrips(Algorithm algorithm) {
        String key = "async-" + algorithm;
        SENT.clear();
        async.putObject(b -> b.bucket(bucket).key(key).checksumAlgorithm(algorithm.sdk), AsyncRequestBody.fromBytes(BODY)).join();
        assertThat(lastSent("x-amz-content-sha256")).startsWith("STREAMING-");
        byte[] back = async.getObject(b -> b.bucket(bucket).key(key).checksumMode(ChecksumMode.ENABLED),
                AsyncResponseTransformer.toBytes()).join().asByteArray();
        assertSameBytes(back, BODY, "async round trip with " + algorithm);
        assertChecksumReturned(key, algorithm, expected(algorithm));
    }

    @Test
    void presignedGetHeadPutAndDeleteWork() {
        String key = "presigned/all.bin";
        PresignedPutObjectRequest put = server.presigner().presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                .putObjectRequest(o -> o.bucket(bucket).key(key)));
        assertThat(send(put.url().toString(), "PUT", put.signedHeaders(), BODY).statusCode()).isEqualTo(200);
        var get = server.presigner().presignGetObject(p -> p.signatureDuration(Duration.ofDays(7))
                .getObjectRequest(o -> o.bucket(bucket).key(key)));
        assertSameBytes(send(get.url().toString(), "GET", Map.of(), null).body(), BODY, "presigned GET (7 days)");
        var head = server.presigner().presignHeadObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                .headObjectRequest(o -> o.bucket(bucket).key(key)));
        HttpResponse<byte[]> headed = send(head.url().toString(), "HEAD", Map.of(), null);
        assertThat(headed.statusCode()).isEqualTo(200);
        assertThat(headed.headers().firstValue("Content-Length")).hasValue(Integer.toString(BODY.length));
        var delete = server.presigner().presignDeleteObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                .deleteObjectRequest(o -> o.bucket(bucket).key(key)));
        assertThat(send(delete.url().toString(), "DELETE", Map.of(), null).statusCode()).isEqualTo(204);
        BadInputIT.assertNoObjectIn(server, bucket, key);
    }

    @Test
    void presignedUrlValidForMoreThanSevenDaysIsRefused() {
        var get = server.presigner().presignGetObject(p -> p.signatureDuration(Duration.ofDays(7))
                .getObjectRequest(o -> o.bucket(bucket).key("any")));
        String url = get.url().toString().replace("X-Amz-Expires=604800", "X-Amz-Expires=604801");
        assertThat(assertXmlError(send(url, "GET", Map.of(), null), 400, "AuthorizationQueryParametersError"))
                .contains("604800");
    }

    @Test
    void presignedPutPinningAChecksumAcceptsOnlyThatBody() {
        String value = expected(Algorithm.CRC32);
        PresignedPutObjectRequest put = server.presigner().presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                .putObjectRequest(o -> o.bucket(bucket).key("pinned-crc").checksumCRC32(value)));
        ChunkFiles files = ChunkFiles.snapshot(server);
        byte[] other = TestData.randomBytes(BODY.length, 78);
        assertXmlError(send(put.url().toString(), "PUT", put.signedHeaders(), other), 400, "BadDigest");
        BadInputIT.assertNoObjectIn(server, bucket, "pinned-crc");
        files.assertNoNewFile("a presigned PUT whose body does not match its pinned checksum");
        assertThat(send(put.url().toString(), "PUT", put.signedHeaders(), BODY).statusCode()).isEqualTo(200);
        assertChecksumReturned("pinned-crc", Algorithm.CRC32, value);
    }

    @Test
    void presignedPutPinningThePayloadHashAcceptsOnlyThatBody() {
        // The SDK's presigner always signs UNSIGNED-PAYLOAD; a URL carrying X-Amz-Content-Sha256
        // (as other SDKs make it) pins the body.
        URI url = HandSigner.presign("PUT", server.endpoint().resolve("/" + bucket + "/pinned-sha"), Duration.ofMinutes(5),
                Map.of("X-Amz-Content-Sha256", TestData.sha256Hex(BODY)), TestData.sha256Hex(BODY));
        ChunkFiles files = ChunkFiles.snapshot(server);
        assertXmlError(send(url.toString(), "PUT", Map.of(), TestData.randomBytes(BODY.length, 79)), 400,
                "XAmzContentSHA256Mismatch");
        BadInputIT.assertNoObjectIn(server, bucket, "pinned-sha");
        files.assertNoNewFile("a presigned PUT whose body does not match its pinned payload hash");
        assertThat(send(url.toString(), "PUT", Map.of(), BODY).statusCode()).isEqualTo(200);
        assertSameBytes(sync.getObjectAsBytes(b -> b.bucket(bucket).key("pinned-sha")).asByteArray(), BODY, "pinned PUT");
    }

    private static void assertChecksumReturned(String key, Algorithm algorithm, String value) {
        HeadObjectResponse head = sync.headObject(b -> b.bucket(bucket).key(key).checksumMode(ChecksumMode.ENABLED));
        assertThat(checksumOf(head, algorithm)).as("%s returned by HEAD", algorithm).isEqualTo(value);
        GetObjectResponse get = sync.getObject(b -> b.bucket(bucket).key(key).checksumMode(ChecksumMode.ENABLED),
                (response, in) -> {
                    assertSameBytes(in.readAllBytes(), BODY, key);
                    return response;
                });
        assertThat(checksumOf(get, algorithm)).as("%s returned by GET", algorithm).isEqualTo(value);
    }

    /** The checksum the SDK computes for BODY, taken from a reference upload's answer. */
    private static String expected(Algorithm algorithm) {
        String key = "reference-" + algorithm;
        return checksumOf(sync.putObject(b -> b.bucket(bucket).key(key).checksumAlgorithm(algorithm.sdk),
                RequestBody.fromBytes(BODY)), algorithm);
    }

    private static software.amazon.awssdk.services.s3.model.PutObjectRequest.Builder withValue(
            software.amazon.awssdk.services.s3.model.PutObjectRequest.Builder b, Algorithm algorithm, String value) {
        switch (algorithm) {
            case CRC32: return b.checksumCRC32(value);
            case CRC32C: return b.checksumCRC32C(value);
            case CRC64NVME: return b.checksumCRC64NVME(value);
            case SHA1: return b.checksumSHA1(value);
            default: return b.checksumSHA256(value);
        }
    }

    private static String checksumOf(Object response, Algorithm algorithm) {
        String method = "checksum" + algorithm.name();
        try {
            return (String) response.getClass().getMethod(method).invoke(response);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String lastSent(String header) {
        Map<String, List<String>> headers = SENT.get(SENT.size() - 1);
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(header))
                .map(e -> e.getValue().get(0)).findFirst().orElse(null);
    }

    private static HttpResponse<byte[]> send(String url, String method, Map<String, List<String>> headers, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host")) values.forEach(v -> request.header(name, v));
        });
        return server.raw().send(request.build());
    }
}

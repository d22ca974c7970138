package dev.coffer.compat;

import static dev.coffer.compat.support.S3Assertions.assertSameBytes;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import dev.coffer.compat.support.TestData;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.core.ResponseBytes;

/**
 * The CRT-based async client ({@code S3AsyncClient.crtBuilder()}) at its defaults: uploads with
 * its default CRC32 and every other algorithm, downloads with its checksum validation on.
 * Objects stay under the CRT's 8 MiB multipart threshold (multipart is issue 4).
 */
@ExtendWith(CofferServerExtension.class)
class CrtClientIT {
    private static CofferServer server;
    private static String bucket;
    private static S3AsyncClient crt;

    @BeforeAll
    static void start(CofferServer cofferServer) {
        server = cofferServer;
        bucket = server.createBucket("crt");
        crt = S3AsyncClient.crtBuilder().endpointOverride(server.endpoint()).region(CofferServer.REGION)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(CofferServer.ACCESS_KEY, CofferServer.SECRET_KEY)))
                .build();
    }

    @AfterAll
    static void close() {
        if (crt != null) crt.close();
    }

    @Test
    void crtDefaultsRoundTripSmallAndFiveMebibyteObjects() {
        for (int size : new int[] {1024, 5 * TestData.MIB}) {
            byte[] bytes = TestData.randomBytes(size, size);
            String key = "default-" + size;
            crt.putObject(b -> b.bucket(bucket).key(key), AsyncRequestBody.fromBytes(bytes)).join();
            ResponseBytes<GetObjectResponse> back = crt.getObject(b -> b.bucket(bucket).key(key),
                    AsyncResponseTransformer.toBytes()).join();
            assertSameBytes(back.asByteArray(), bytes, "CRT round trip of " + size + " bytes");
            assertThat(back.response().eTag()).isEqualTo(TestData.etagOf(bytes));
        }
    }

    @ParameterizedTest
    @EnumSource(DefaultClientsIT.Algorithm.class)
    void crtPutWithEachAlgorithmIsValidatedOnGet(DefaultClientsIT.Algorithm algorithm) {
        byte[] bytes = TestData.randomBytes(200 * 1024, 5);
        String key = "algo-" + algorithm;
        crt.putObject(b -> b.bucket(bucket).key(key).checksumAlgorithm(algorithm.sdk), AsyncRequestBody.fromBytes(bytes))
                .join();
        ResponseBytes<GetObjectResponse> back = crt.getObject(b -> b.bucket(bucket).key(key)
                .checksumMode(ChecksumMode.ENABLED), AsyncResponseTransformer.toBytes()).join();
        assertSameBytes(back.asByteArray(), bytes, "CRT round trip with " + algorithm);
        var head = server.s3().headObject(b -> b.bucket(bucket).key(key).checksumMode(ChecksumMode.ENABLED));
        assertThat(head.checksumType()).isNotNull();
    }
}

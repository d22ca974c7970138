package dev.coffer.compat;

import static dev.coffer.compat.support.S3Assertions.assertSameBytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import dev.coffer.compat.support.TestData;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * Multi-MiB single-part uploads, byte for byte: with the SDK's default aws-chunked upload and its
 * CRC32 trailer, and with checksums only when required.
 */
@ExtendWith(CofferServerExtension.class)
class LargeObjectIT {

    private static CofferServer server;
    private static String bucket;

    @BeforeAll
    static void start(CofferServer cofferServer) {
        server = cofferServer;
        bucket = server.createBucket("large");
    }

    @Test
    void fiveMibObjectRoundTripsWithDefaultClient() {
        assertRoundTrip(server.s3(), "five-mib", TestData.randomBytes(5 * TestData.MIB, 5));
    }

    @Test
    void twentyMibObjectRoundTripsWithDefaultClient() {
        assertRoundTrip(server.s3(), "twenty-mib", TestData.randomBytes(20 * TestData.MIB, 20));
    }

    @Test
    void objectOfUnknownLengthStreamRoundTripsWithDefaultClient() {
        byte[] bytes = TestData.randomBytes(3 * TestData.MIB + 17, 3);
        server.s3().putObject(b -> b.bucket(bucket).key("stream"),
                RequestBody.fromContentProvider(() -> new ByteArrayInputStream(bytes), bytes.length, "application/octet-stream"));
        assertSameBytes(server.s3().getObjectAsBytes(b -> b.bucket(bucket).key("stream")).asByteArray(), bytes, "stream");
    }

    @Test
    void putObjectWithDefaultClientReturnsTheCrc32ItSent() {
        // needs issue 3 (flexible checksums / trailers)
        byte[] bytes = TestData.randomBytes(TestData.MIB + 3, 7);
        PutObjectResponse put = server.s3().putObject(b -> b.bucket(bucket).key("crc32"), RequestBody.fromBytes(bytes));
        assertThat(put.checksumCRC32()).isEqualTo(TestData.crc32Base64(bytes));
        GetObjectResponse get = server.s3().getObjectAsBytes(b -> b.bucket(bucket).key("crc32")
                .checksumMode(ChecksumMode.ENABLED)).response();
        assertThat(get.checksumCRC32()).isEqualTo(TestData.crc32Base64(bytes));
    }

    @Test
    void fiveMibObjectRoundTripsWithChecksumsOnlyWhenRequired() {
        // needs issue 3 (flexible checksums / trailers): this client sends no trailer, so it shows
        // whether plain aws-chunked uploads work while trailers do not yet.
        assertRoundTrip(server.s3WhenRequiredChecksums(), "five-mib-plain", TestData.randomBytes(5 * TestData.MIB, 55));
    }

    @Test
    void twentyMibObjectRoundTripsWithChecksumsOnlyWhenRequired() {
        // needs issue 3 (flexible checksums / trailers)
        assertRoundTrip(server.s3WhenRequiredChecksums(), "twenty-mib-plain", TestData.randomBytes(20 * TestData.MIB, 2020));
    }

    private static void assertRoundTrip(S3Client s3, String key, byte[] bytes) {
        PutObjectResponse put = s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
        assertThat(put.eTag()).isEqualTo(TestData.etagOf(bytes));
        ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key));
        assertThat(got.response().contentLength()).isEqualTo((long) bytes.length);
        assertThat(got.response().eTag()).isEqualTo(TestData.etagOf(bytes));
        assertSameBytes(got.asByteArray(), bytes, key);
    }
}

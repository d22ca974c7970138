package dev.coffer.compat;

import static dev.coffer.compat.support.S3Assertions.assertHasRequestId;
import static dev.coffer.compat.support.S3Assertions.assertS3Error;
import static dev.coffer.compat.support.S3Assertions.assertXmlError;
import static dev.coffer.compat.support.S3Assertions.status;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import dev.coffer.compat.support.TestData;
import dev.coffer.compat.support.Xml;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** What S3 answers to bad object requests: digests, key length, missing keys and buckets; DeleteObject. */
@ExtendWith(CofferServerExtension.class)
class ObjectErrorsIT {

    private static CofferServer server;
    private static S3Client s3;
    private static String bucket;

    @BeforeAll
    static void start(CofferServer cofferServer) {
        server = cofferServer;
        s3 = server.s3();
        bucket = server.createBucket("errors");
    }

    @Test
    void putObjectWithWrongContentMd5ReturnsBadDigestAndStoresNothing() {
        String otherMd5 = TestData.md5Base64(TestData.utf8("something else"));
        assertS3Error(400, "BadDigest", () -> s3.putObject(b -> b.bucket(bucket).key("bad-md5").contentMD5(otherMd5),
                RequestBody.fromString("payload")));
        assertS3Error(404, null, () -> s3.headObject(b -> b.bucket(bucket).key("bad-md5")));
    }

    @Test
    void putObjectWithMalformedContentMd5ReturnsInvalidDigest() {
        assertS3Error(400, "InvalidDigest", () -> s3.putObject(b -> b.bucket(bucket).key("malformed-md5")
                .contentMD5("not-base64-md5!"), RequestBody.fromString("payload")));
        assertS3Error(400, "InvalidDigest", () -> s3.putObject(b -> b.bucket(bucket).key("short-md5")
                .contentMD5("AAAA"), RequestBody.fromString("payload")));
    }

    @Test
    void putObjectWithCorrectContentMd5Succeeds() {
        byte[] bytes = TestData.utf8("payload");
        assertThat(s3.putObject(b -> b.bucket(bucket).key("good-md5").contentMD5(TestData.md5Base64(bytes)),
                RequestBody.fromBytes(bytes)).eTag()).isEqualTo(TestData.etagOf(bytes));
    }

    @Test
    void putObjectWithWrongCrc32ChecksumReturnsBadDigest() {
        // needs issue 3 (flexible checksums / trailers)
        String wrong = TestData.crc32Base64(TestData.utf8("something else"));
        assertS3Error(400, "BadDigest", () -> s3.putObject(b -> b.bucket(bucket).key("bad-crc").checksumCRC32(wrong),
                RequestBody.fromString("payload")));
        assertS3Error(404, null, () -> s3.headObject(b -> b.bucket(bucket).key("bad-crc")));
    }

    @Test
    void putObjectWithKeyLongerThan1024BytesReturnsKeyTooLongError() {
        String key = "é".repeat(512) + "x"; // 1025 bytes in UTF-8
        assertS3Error(400, "KeyTooLongError", () -> s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString("x")));
    }

    @Test
    void putObjectIntoMissingBucketReturnsNoSuchBucket() {
        String missing = server.uniqueBucketName("nobucket");
        assertS3Error(404, "NoSuchBucket", () -> s3.putObject(b -> b.bucket(missing).key("k"), RequestBody.fromString("x")));
    }

    @Test
    void getMissingKeyReturnsNoSuchKey() {
        S3Exception e = assertS3Error(404, "NoSuchKey", () -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("missing")));
        assertThat(e).isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void getMissingKeyAnswersTheXmlErrorDocumentWithKeyAndResource() {
        HttpResponse<byte[]> response = server.raw().signed("GET", "/" + bucket + "/missing%20key");
        String xml = assertXmlError(response, 404, "NoSuchKey");
        assertThat(Xml.text(xml, "/Error/Key")).isEqualTo("missing key");
    }

    @Test
    void getFromMissingBucketReturnsNoSuchBucket() {
        String missing = server.uniqueBucketName("nobucket");
        S3Exception e = assertS3Error(404, "NoSuchBucket", () -> s3.getObjectAsBytes(b -> b.bucket(missing).key("k")));
        assertThat(e.awsErrorDetails().errorMessage()).isNotBlank();
        String xml = assertXmlError(server.raw().signed("GET", "/" + missing + "/k"), 404, "NoSuchBucket");
        assertThat(Xml.text(xml, "/Error/BucketName")).isEqualTo(missing);
    }

    @Test
    void headMissingKeyReturns404WithNoBody() {
        assertS3Error(404, null, () -> s3.headObject(b -> b.bucket(bucket).key("missing")));
        HttpResponse<byte[]> raw = server.raw().signed("HEAD", "/" + bucket + "/missing");
        assertThat(raw.statusCode()).isEqualTo(404);
        assertThat(raw.body()).isEmpty();
        assertThat(raw.headers().firstValue("x-amz-request-id")).isPresent();
    }

    @Test
    void headObjectInMissingBucketReturns404() {
        String missing = server.uniqueBucketName("nobucket");
        assertS3Error(404, null, () -> s3.headObject(b -> b.bucket(missing).key("k")));
    }

    @Test
    void deleteObjectReturns204AndTheKeyIsGone() {
        s3.putObject(b -> b.bucket(bucket).key("doomed"), RequestBody.fromString("x"));
        DeleteObjectResponse response = s3.deleteObject(b -> b.bucket(bucket).key("doomed"));
        assertThat(status(response)).isEqualTo(204);
        assertHasRequestId(response);
        assertS3Error(404, "NoSuchKey", () -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("doomed")));
    }

    @Test
    void deleteMissingKeyReturns204() {
        DeleteObjectResponse response = s3.deleteObject(b -> b.bucket(bucket).key("never-existed"));
        assertThat(status(response)).isEqualTo(204);
    }

    @Test
    void deleteObjectInMissingBucketReturnsNoSuchBucket() {
        String missing = server.uniqueBucketName("nobucket");
        assertS3Error(404, "NoSuchBucket", () -> s3.deleteObject(b -> b.bucket(missing).key("k")));
    }
}

package dev.coffer.compat;

import static dev.coffer.compat.support.S3Assertions.assertS3Error;
import static dev.coffer.compat.support.S3Assertions.assertXmlError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import dev.coffer.compat.support.Multipart;
import dev.coffer.compat.support.TestData;
import dev.coffer.compat.support.Xml;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Part numbers outside 1..10,000 wherever a request carries one (UploadPart, UploadPartCopy,
 * CompleteMultipartUpload's list, GET/HEAD ?partNumber) are 400 InvalidArgument, checked before
 * anything is looked up; a number in range that names no part is InvalidPart (completion) or 400
 * InvalidPartNumber (a read past the object's parts).
 */
@ExtendWith(CofferServerExtension.class)
class PartNumberLimitsIT {
    private static CofferServer server;
    private static S3Client s3;
    private static String bucket;

    @BeforeAll
    static void start(CofferServer cofferServer) {
        server = cofferServer;
        s3 = server.s3();
        bucket = server.createBucket("partnumbers");
        Multipart.put(s3, bucket, "two-parts", TestData.randomBytes(5 * TestData.MIB, 1), TestData.utf8("tail"));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 10_001})
    void uploadPartCopyWithAPartNumberOutOfRangeIsInvalidArgument(int number) {
        String id = Multipart.create(s3, bucket, "copy-target");
        assertS3Error(400, "InvalidArgument", () -> s3.uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey("two-parts")
                .destinationBucket(bucket).destinationKey("copy-target").uploadId(id).partNumber(number)));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 10_001})
    void completeListingAPartNumberOutOfRangeIsInvalidArgumentAndKeepsTheUpload(int number) {
        String id = Multipart.create(s3, bucket, "complete-range");
        CompletedPart one = Multipart.upload(s3, bucket, "complete-range", id, 1, TestData.utf8("one"));
        CompletedPart bad = CompletedPart.builder().partNumber(number).eTag(one.eTag()).build();
        assertS3Error(400, "InvalidArgument", () -> s3.completeMultipartUpload(b -> b.bucket(bucket).key("complete-range")
                .uploadId(id).multipartUpload(m -> m.parts(number == 0 ? List.of(bad, one) : List.of(one, bad)))));
        assertThat(s3.listParts(b -> b.bucket(bucket).key("complete-range").uploadId(id)).parts()).hasSize(1);
    }

    @Test
    void completeListingAPartNeverUploadedIsInvalidPart() {
        String id = Multipart.create(s3, bucket, "complete-missing");
        CompletedPart one = Multipart.upload(s3, bucket, "complete-missing", id, 1, TestData.randomBytes(5 * TestData.MIB, 2));
        CompletedPart missing = CompletedPart.builder().partNumber(10_000).eTag(one.eTag()).build();
        assertS3Error(400, "InvalidPart", () -> s3.completeMultipartUpload(b -> b.bucket(bucket).key("complete-missing")
                .uploadId(id).multipartUpload(m -> m.parts(one, missing))));
    }

    @Test
    void theLastPartNumberTenThousandCompletes() {
        String id = Multipart.create(s3, bucket, "ten-thousand");
        CompletedPart last = Multipart.upload(s3, bucket, "ten-thousand", id, 10_000, TestData.utf8("last"));
        s3.completeMultipartUpload(b -> b.bucket(bucket).key("ten-thousand").uploadId(id).multipartUpload(m -> m.parts(last)));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("ten-thousand").partNumber(1)).asUtf8String()).isEqualTo("last");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 10_001})
    void getAndHeadWithAPartNumberOutOfRangeAreInvalidArgumentEvenForAMissingKey(int number) {
        for (String key : new String[] {"two-parts", "no-such-key"}) {
            String body = assertXmlError(server.raw().signed("GET", "/" + bucket + "/" + key + "?partNumber=" + number),
                    400, "InvalidArgument");
            assertThat(Xml.text(body, "/Error/ArgumentName")).isEqualTo("partNumber");
            assertS3Error(400, null, () -> s3.headObject(b -> b.bucket(bucket).key(key).partNumber(number)));
        }
    }

    @Test
    void getAndHeadPastTheObjectsPartsAreInvalidPartNumber() {
        assertS3Error(400, "InvalidPartNumber", () -> s3.getObject(b -> b.bucket(bucket).key("two-parts").partNumber(3)));
        assertS3Error(400, null, () -> s3.headObject(b -> b.bucket(bucket).key("two-parts").partNumber(3)));
        s3.putObject(b -> b.bucket(bucket).key("single"), RequestBody.fromString("one part"));
        assertS3Error(400, "InvalidPartNumber", () -> s3.getObject(b -> b.bucket(bucket).key("single").partNumber(2)));
        String body = assertXmlError(server.raw().signed("GET", "/" + bucket + "/two-parts?partNumber=3"),
                400, "InvalidPartNumber");
        assertThat(Xml.text(body, "/Error/ActualPartCount")).isEqualTo("2");
    }
}

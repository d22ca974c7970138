package dev.coffer.compat;

import static dev.coffer.compat.support.S3Assertions.assertS3Error;
import static dev.coffer.compat.support.S3Assertions.assertSameBytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import dev.coffer.compat.support.Multipart;
import dev.coffer.compat.support.TestData;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.UploadPartCopyResponse;

/** UploadPartCopy: byte ranges of single-part and multipart sources, and the x-amz-copy-source-if-* conditions. */
@ExtendWith(CofferServerExtension.class)
class MultipartPartCopyIT {
    private static final int MIB = TestData.MIB;
    private static CofferServer server;
    private static S3Client s3;
    private static String bucket;
    private static byte[] source;

    @BeforeAll
    static void start(CofferServer cofferServer) {
        server = cofferServer;
        s3 = server.s3();
        bucket = server.createBucket("part-copy");
        source = TestData.randomBytes(12 * MIB + 5, 77);
        // A multipart source, so ranges cross the chunks of different parts.
        Multipart.put(s3, bucket, "source", Arrays.copyOfRange(source, 0, 5 * MIB),
                Arrays.copyOfRange(source, 5 * MIB, 10 * MIB), Arrays.copyOfRange(source, 10 * MIB, source.length));
    }

    private static UploadPartCopyResponse copy(String key, String id, int part, String range) {
        return s3.uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey("source").destinationBucket(bucket)
                .destinationKey(key).uploadId(id).partNumber(part).copySourceRange(range));
    }

    @Test
    void rangesAcrossPartBoundariesAssembleTheRightBytes() {
        String id = Multipart.create(s3, bucket, "assembled");
        long a = 3 * MIB + 11;
        long b = 9 * MIB + 3;
        UploadPartCopyResponse one = copy("assembled", id, 1, "bytes=" + a + "-" + b);
        UploadPartCopyResponse two = copy("assembled", id, 2, "bytes=0-" + (5 * MIB - 1));
        UploadPartCopyResponse three = copy("assembled", id, 3, null);
        byte[] expected1 = Arrays.copyOfRange(source, (int) a, (int) b + 1);
        assertThat(one.copyPartResult().eTag()).isEqualTo(TestData.etagOf(expected1));
        s3.completeMultipartUpload(r -> r.bucket(bucket).key("assembled").uploadId(id).multipartUpload(m -> m.parts(
                CompletedPart.builder().partNumber(1).eTag(one.copyPartResult().eTag()).build(),
                CompletedPart.builder().partNumber(2).eTag(two.copyPartResult().eTag()).build(),
                CompletedPart.builder().partNumber(3).eTag(three.copyPartResult().eTag()).build())));
        byte[] got = s3.getObjectAsBytes(r -> r.bucket(bucket).key("assembled")).asByteArray();
        assertSameBytes(got, Multipart.concat(expected1, Arrays.copyOfRange(source, 0, 5 * MIB), source), "copied parts");
    }

    @Test
    void rangeOutsideTheSourceOrMalformedIsInvalidArgument() {
        String id = Multipart.create(s3, bucket, "bad-range");
        assertS3Error(400, "InvalidArgument", () -> copy("bad-range", id, 1, "bytes=0-" + source.length));
        assertS3Error(400, "InvalidArgument", () -> copy("bad-range", id, 1, "bytes=10-5"));
        assertS3Error(400, "InvalidArgument", () -> copy("bad-range", id, 1, "bytes=5-"));
        assertS3Error(404, "NoSuchKey", () -> s3.uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey("missing")
                .destinationBucket(bucket).destinationKey("bad-range").uploadId(id).partNumber(1)));
    }

    @Test
    void copySourceConditionsAreChecked() {
        String etag = s3.headObject(b -> b.bucket(bucket).key("source")).eTag();
        String id = Multipart.create(s3, bucket, "conditional");
        assertThat(s3.uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey("source").destinationBucket(bucket)
                .destinationKey("conditional").uploadId(id).partNumber(1).copySourceRange("bytes=0-9")
                .copySourceIfMatch(etag)).copyPartResult().eTag())
                .isEqualTo(TestData.etagOf(Arrays.copyOfRange(source, 0, 10)));
        assertS3Error(412, "PreconditionFailed", () -> s3.uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey("source")
                .destinationBucket(bucket).destinationKey("conditional").uploadId(id).partNumber(1)
                .copySourceIfNoneMatch(etag)));
        assertS3Error(412, "PreconditionFailed", () -> s3.uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey("source")
                .destinationBucket(bucket).destinationKey("conditional").uploadId(id).partNumber(1)
                .copySourceIfUnmodifiedSince(Instant.parse("2001-01-01T00:00:00Z"))));
    }

    @Test
    void inlineSmallSourceIsCopiedIntoAPart() {
        s3.putObject(b -> b.bucket(bucket).key("tiny"), RequestBody.fromString("0123456789"));
        String id = Multipart.create(s3, bucket, "from-tiny");
        UploadPartCopyResponse r = s3.uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey("tiny").destinationBucket(bucket)
                .destinationKey("from-tiny").uploadId(id).partNumber(1).copySourceRange("bytes=2-5"));
        s3.completeMultipartUpload(c -> c.bucket(bucket).key("from-tiny").uploadId(id).multipartUpload(m -> m.parts(
                CompletedPart.builder().partNumber(1).eTag(r.copyPartResult().eTag()).build())));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("from-tiny")).asUtf8String()).isEqualTo("2345");
    }
}

package dev.coffer.compat;

import static dev.coffer.compat.support.S3Assertions.assertHasRequestId;
import static dev.coffer.compat.support.S3Assertions.assertS3Error;
import static dev.coffer.compat.support.S3Assertions.status;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import dev.coffer.compat.support.TestData;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;

/** CopyObject: within and across buckets, metadata directives, copy-source conditions. */
@ExtendWith(CofferServerExtension.class)
class CopyObjectIT {

    private static final byte[] BYTES = TestData.randomBytes(10_000, 42);

    private static CofferServer server;
    private static S3Client s3;
    private static String bucket;
    private static String etag;
    private static Instant lastModified;

    @BeforeAll
    static void start(CofferServer cofferServer) {
        server = cofferServer;
        s3 = server.s3();
        bucket = server.createBucket("copy");
        etag = s3.putObject(b -> b.bucket(bucket).key("src").contentType("image/png").cacheControl("max-age=60")
                .metadata(Map.of("origin", "source")), RequestBody.fromBytes(BYTES)).eTag();
        lastModified = s3.headObject(b -> b.bucket(bucket).key("src")).lastModified();
    }

    @Test
    void copyObjectWithinBucketCopiesBytesAndMetadata() {
        CopyObjectResponse response = s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("src")
                .destinationBucket(bucket).destinationKey("dst"));
        assertThat(status(response)).isEqualTo(200);
        assertHasRequestId(response);
        assertThat(response.copyObjectResult().eTag()).isEqualTo(etag);
        assertThat(response.copyObjectResult().lastModified()).isNotNull();
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("dst")).asByteArray()).isEqualTo(BYTES);
        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key("dst"));
        assertThat(head.contentType()).isEqualTo("image/png");
        assertThat(head.cacheControl()).isEqualTo("max-age=60");
        assertThat(head.metadata()).containsExactlyEntriesOf(Map.of("origin", "source"));
        assertThat(head.eTag()).isEqualTo(etag);
    }

    @Test
    void copyObjectToAnotherBucketCopiesBytes() {
        String other = server.createBucket("copy-other");
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("src").destinationBucket(other).destinationKey("elsewhere"));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(other).key("elsewhere")).asByteArray()).isEqualTo(BYTES);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("src")).asByteArray()).as("source kept").isEqualTo(BYTES);
    }

    @Test
    void copyObjectWithReplaceDirectiveTakesTheRequestMetadata() {
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("src").destinationBucket(bucket).destinationKey("replaced")
                .metadataDirective(MetadataDirective.REPLACE).contentType("text/plain").metadata(Map.of("new", "yes")));
        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key("replaced"));
        assertThat(head.contentType()).isEqualTo("text/plain");
        assertThat(head.metadata()).containsExactlyEntriesOf(Map.of("new", "yes"));
        assertThat(head.cacheControl()).as("REPLACE drops what the request does not give").isNull();
    }

    @Test
    void copyObjectWithCopyDirectiveIgnoresRequestMetadata() {
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("src").destinationBucket(bucket).destinationKey("copied")
                .metadataDirective(MetadataDirective.COPY).metadata(Map.of("ignored", "yes")));
        assertThat(s3.headObject(b -> b.bucket(bucket).key("copied")).metadata())
                .containsExactlyEntriesOf(Map.of("origin", "source"));
    }

    @Test
    void copyObjectOntoItselfWithoutReplaceReturnsInvalidRequest() {
        assertS3Error(400, "InvalidRequest", () -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("src")
                .destinationBucket(bucket).destinationKey("src")));
    }

    @Test
    void copyObjectOntoItselfWithReplaceUpdatesMetadata() {
        s3.putObject(b -> b.bucket(bucket).key("self"), RequestBody.fromBytes(BYTES));
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("self").destinationBucket(bucket).destinationKey("self")
                .metadataDirective(MetadataDirective.REPLACE).metadata(Map.of("touched", "1")));
        assertThat(s3.headObject(b -> b.bucket(bucket).key("self")).metadata()).containsEntry("touched", "1");
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("self")).asByteArray()).isEqualTo(BYTES);
    }

    @Test
    void copyObjectWithSpecialCharactersInSourceKeyCopies() {
        String key = "dir with space/ü+plus?&=%😀";
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString("special"));
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey(key).destinationBucket(bucket).destinationKey(key + ".copy"));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key + ".copy")).asUtf8String()).isEqualTo("special");
    }

    @Test
    void copyObjectFromMissingKeyReturnsNoSuchKey() {
        assertS3Error(404, "NoSuchKey", () -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("missing")
                .destinationBucket(bucket).destinationKey("never")));
    }

    @Test
    void copyObjectFromMissingBucketReturnsNoSuchBucket() {
        String missing = server.uniqueBucketName("copy-missing");
        assertS3Error(404, "NoSuchBucket", () -> s3.copyObject(b -> b.sourceBucket(missing).sourceKey("k")
                .destinationBucket(bucket).destinationKey("never")));
    }

    @Test
    void copyObjectWithMatchingCopySourceIfMatchCopies() {
        assertThat(status(s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("src").destinationBucket(bucket)
                .destinationKey("if-match").copySourceIfMatch(etag)))).isEqualTo(200);
    }

    @Test
    void copyObjectWithOtherCopySourceIfMatchReturns412() {
        assertS3Error(412, "PreconditionFailed", () -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("src")
                .destinationBucket(bucket).destinationKey("no").copySourceIfMatch("\"other\"")));
    }

    @Test
    void copyObjectWithMatchingCopySourceIfNoneMatchReturns412() {
        assertS3Error(412, "PreconditionFailed", () -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("src")
                .destinationBucket(bucket).destinationKey("no").copySourceIfNoneMatch(etag)));
    }

    @Test
    void copyObjectWithCopySourceIfModifiedSinceLastModifiedReturns412() {
        assertS3Error(412, "PreconditionFailed", () -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("src")
                .destinationBucket(bucket).destinationKey("no").copySourceIfModifiedSince(lastModified)));
    }

    @Test
    void copyObjectWithEarlierCopySourceIfUnmodifiedSinceReturns412() {
        Instant earlier = lastModified.minus(Duration.ofDays(1));
        assertS3Error(412, "PreconditionFailed", () -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("src")
                .destinationBucket(bucket).destinationKey("no").copySourceIfUnmodifiedSince(earlier)));
    }

    @Test
    void copyObjectWithTrueIfMatchAndFalseIfUnmodifiedSinceCopies() {
        // S3: x-amz-copy-source-if-match true and -if-unmodified-since false -> 200 and the copy.
        Instant earlier = lastModified.minus(Duration.ofDays(1));
        assertThat(status(s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("src").destinationBucket(bucket)
                .destinationKey("precedence").copySourceIfMatch(etag).copySourceIfUnmodifiedSince(earlier)))).isEqualTo(200);
    }

    @Test
    void copyObjectWithFalseIfNoneMatchAndTrueIfModifiedSinceReturns412() {
        Instant earlier = lastModified.minus(Duration.ofDays(1));
        assertS3Error(412, "PreconditionFailed", () -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("src")
                .destinationBucket(bucket).destinationKey("no").copySourceIfNoneMatch(etag).copySourceIfModifiedSince(earlier)));
    }
}

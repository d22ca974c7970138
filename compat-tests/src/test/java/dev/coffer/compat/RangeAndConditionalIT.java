package dev.coffer.compat;

import static dev.coffer.compat.support.S3Assertions.assertS3Error;
import static dev.coffer.compat.support.S3Assertions.header;
import static dev.coffer.compat.support.S3Assertions.status;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import dev.coffer.compat.support.TestData;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Range GETs, conditional GET and HEAD with S3's precedence rules, and response-* overrides. */
@ExtendWith(CofferServerExtension.class)
class RangeAndConditionalIT {

    private static final byte[] BYTES = TestData.randomBytes(100, 100);

    private static S3Client s3;
    private static String bucket;
    private static String etag;
    private static Instant lastModified;

    @BeforeAll
    static void start(CofferServer server) {
        s3 = server.s3();
        bucket = server.createBucket("range");
        s3.putObject(b -> b.bucket(bucket).key("obj").contentType("application/x-test"), RequestBody.fromBytes(BYTES));
        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key("obj"));
        etag = head.eTag();
        lastModified = head.lastModified();
    }

    @ParameterizedTest(name = "{0} -> {1}-{2}")
    @CsvSource({
        "bytes=0-9,    0,  9",
        "bytes=10-,    10, 99",
        "bytes=-5,     95, 99",
        "bytes=90-999, 90, 99",
        "bytes=99-99,  99, 99",
        "bytes=0-,     0,  99",
        "bytes=-500,   0,  99",
    })
    void rangeGetReturns206WithContentRange(String range, int first, int last) {
        ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket(bucket).key("obj").range(range));
        GetObjectResponse response = got.response();
        assertThat(status(response)).isEqualTo(206);
        assertThat(response.contentRange()).isEqualTo("bytes " + first + "-" + last + "/100");
        assertThat(response.contentLength()).isEqualTo((long) (last - first + 1));
        assertThat(response.eTag()).isEqualTo(etag);
        assertThat(response.acceptRanges()).isEqualTo("bytes");
        assertThat(got.asByteArray()).isEqualTo(Arrays.copyOfRange(BYTES, first, last + 1));
    }

    @Test
    void rangeStartingPastTheEndReturnsInvalidRange() {
        assertS3Error(416, "InvalidRange", () -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("obj").range("bytes=100-200")));
    }

    @Test
    void rangeOnEmptyObjectReturnsInvalidRange() {
        s3.putObject(b -> b.bucket(bucket).key("empty"), RequestBody.empty());
        assertS3Error(416, "InvalidRange", () -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("empty").range("bytes=0-9")));
    }

    @Test
    void headWithRangeReturns206AndContentRange() {
        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key("obj").range("bytes=10-19"));
        assertThat(status(head)).isEqualTo(206);
        assertThat(head.contentRange()).isEqualTo("bytes 10-19/100");
        assertThat(head.contentLength()).isEqualTo(10L);
    }

    @Test
    void getObjectWithMatchingIfMatchReturns200() {
        assertThat(status(s3.getObjectAsBytes(b -> b.bucket(bucket).key("obj").ifMatch(etag)).response())).isEqualTo(200);
    }

    @Test
    void getObjectWithOtherIfMatchReturns412() {
        assertS3Error(412, "PreconditionFailed", () -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("obj")
                .ifMatch("\"00000000000000000000000000000000\"")));
    }

    @Test
    void getObjectWithIfNoneMatchReturns304() {
        S3Exception e = assertS3Error(304, null, () -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("obj").ifNoneMatch(etag)));
        assertThat(e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("ETag")).hasValue(etag);
    }

    @Test
    void getObjectWithOtherIfNoneMatchReturns200() {
        assertThat(status(s3.getObjectAsBytes(b -> b.bucket(bucket).key("obj").ifNoneMatch("\"other\"")).response()))
                .isEqualTo(200);
    }

    @Test
    void getObjectWithIfModifiedSinceLastModifiedReturns304() {
        // What a browser sends back: the Last-Modified value itself (S3 compares whole seconds).
        assertS3Error(304, null, () -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("obj").ifModifiedSince(lastModified)));
    }

    @Test
    void getObjectWithEarlierIfModifiedSinceReturns200() {
        Instant earlier = lastModified.minus(Duration.ofDays(1));
        assertThat(status(s3.getObjectAsBytes(b -> b.bucket(bucket).key("obj").ifModifiedSince(earlier)).response()))
                .isEqualTo(200);
    }

    @Test
    void getObjectWithEarlierIfUnmodifiedSinceReturns412() {
        Instant earlier = lastModified.minus(Duration.ofDays(1));
        assertS3Error(412, "PreconditionFailed", () -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("obj")
                .ifUnmodifiedSince(earlier)));
    }

    @Test
    void getObjectWithLaterIfUnmodifiedSinceReturns200() {
        assertThat(status(s3.getObjectAsBytes(b -> b.bucket(bucket).key("obj").ifUnmodifiedSince(lastModified)).response()))
                .isEqualTo(200);
    }

    @Test
    void getObjectWithTrueIfMatchAndFalseIfUnmodifiedSinceReturns200() {
        // S3: If-Match true and If-Unmodified-Since false -> 200 OK.
        Instant earlier = lastModified.minus(Duration.ofDays(1));
        ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket(bucket).key("obj").ifMatch(etag)
                .ifUnmodifiedSince(earlier));
        assertThat(status(got.response())).isEqualTo(200);
        assertThat(got.asByteArray()).isEqualTo(BYTES);
    }

    @Test
    void getObjectWithFalseIfNoneMatchAndTrueIfModifiedSinceReturns304() {
        // S3: If-None-Match false and If-Modified-Since true -> 304 Not Modified.
        Instant earlier = lastModified.minus(Duration.ofDays(1));
        assertS3Error(304, null, () -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("obj").ifNoneMatch(etag)
                .ifModifiedSince(earlier)));
    }

    @Test
    void getObjectWithFailedIfMatchAndRangeReturns412NotPartialContent() {
        assertS3Error(412, "PreconditionFailed", () -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("obj")
                .ifMatch("\"other\"").range("bytes=0-9")));
    }

    @Test
    void headObjectWithIfNoneMatchReturns304() {
        assertS3Error(304, null, () -> s3.headObject(b -> b.bucket(bucket).key("obj").ifNoneMatch(etag)));
    }

    @Test
    void headObjectWithOtherIfMatchReturns412() {
        assertS3Error(412, null, () -> s3.headObject(b -> b.bucket(bucket).key("obj").ifMatch("\"other\"")));
    }

    @Test
    void headObjectWithIfModifiedSinceLastModifiedReturns304() {
        assertS3Error(304, null, () -> s3.headObject(b -> b.bucket(bucket).key("obj").ifModifiedSince(lastModified)));
    }

    @Test
    void headObjectWithEarlierIfUnmodifiedSinceReturns412() {
        Instant earlier = lastModified.minus(Duration.ofDays(1));
        assertS3Error(412, null, () -> s3.headObject(b -> b.bucket(bucket).key("obj").ifUnmodifiedSince(earlier)));
    }

    @Test
    void headObjectWithTrueIfMatchAndFalseIfUnmodifiedSinceReturns200() {
        Instant earlier = lastModified.minus(Duration.ofDays(1));
        assertThat(status(s3.headObject(b -> b.bucket(bucket).key("obj").ifMatch(etag).ifUnmodifiedSince(earlier))))
                .isEqualTo(200);
    }

    @Test
    void getObjectWithResponseOverridesReturnsThoseHeaders() {
        Instant expires = Instant.parse("2030-06-07T08:09:10Z");
        GetObjectResponse response = s3.getObjectAsBytes(b -> b.bucket(bucket).key("obj")
                .responseContentType("text/csv")
                .responseContentDisposition("attachment; filename=\"data.csv\"")
                .responseCacheControl("no-cache")
                .responseExpires(expires)
                .responseContentLanguage("fr")
                .responseContentEncoding("identity")).response();
        assertThat(response.contentType()).isEqualTo("text/csv");
        assertThat(response.contentDisposition()).isEqualTo("attachment; filename=\"data.csv\"");
        assertThat(response.cacheControl()).isEqualTo("no-cache");
        assertThat(header(response, "Expires")).isEqualTo("Fri, 07 Jun 2030 08:09:10 GMT");
        assertThat(response.contentLanguage()).isEqualTo("fr");
        assertThat(response.contentEncoding()).isEqualTo("identity");
    }

    @Test
    void getObjectWithoutOverridesKeepsStoredContentType() {
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("obj")).response().contentType())
                .isEqualTo("application/x-test");
    }
}

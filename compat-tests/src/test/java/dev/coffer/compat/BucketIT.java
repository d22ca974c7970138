package dev.coffer.compat;

import static dev.coffer.compat.support.S3Assertions.assertHasRequestId;
import static dev.coffer.compat.support.S3Assertions.assertS3Error;
import static dev.coffer.compat.support.S3Assertions.assertXmlError;
import static dev.coffer.compat.support.S3Assertions.header;
import static dev.coffer.compat.support.S3Assertions.status;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.CreateBucketResponse;
import software.amazon.awssdk.services.s3.model.DeleteBucketResponse;
import software.amazon.awssdk.services.s3.model.GetBucketLocationResponse;
import software.amazon.awssdk.services.s3.model.HeadBucketResponse;
import software.amazon.awssdk.services.s3.model.ListBucketsResponse;

/** CreateBucket, HeadBucket, ListBuckets, GetBucketLocation and DeleteBucket. */
@ExtendWith(CofferServerExtension.class)
class BucketIT {

    private static CofferServer server;
    private static S3Client s3;

    @BeforeAll
    static void start(CofferServer cofferServer) {
        server = cofferServer;
        s3 = server.s3();
    }

    @Test
    void createBucketReturns200WithLocationHeader() {
        String name = server.uniqueBucketName("create");
        CreateBucketResponse response = s3.createBucket(b -> b.bucket(name));
        assertThat(status(response)).isEqualTo(200);
        assertThat(response.location()).isEqualTo("/" + name);
        assertHasRequestId(response);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "a.b-c", "0ab", "my.bucket.name", "bucket-with-63-chars-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void createBucketAcceptsValidNames(String base) {
        // Suffixed so that reruns against a long-lived endpoint do not collide; kept within 63.
        String name = base.length() > 50 ? base : base + "-" + Long.toHexString(System.nanoTime());
        assertThat(name.length()).isBetween(3, 63);
        assertThat(status(s3.createBucket(b -> b.bucket(name)))).isEqualTo(200);
        assertThat(status(s3.headBucket(b -> b.bucket(name)))).isEqualTo(200);
        s3.deleteBucket(b -> b.bucket(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "ab",                                                                  // shorter than 3
        "a234567890123456789012345678901234567890123456789012345678901234",    // 64, longer than 63
        "UpperCase",
        "under_score",
        "192.168.5.4",                                                         // IP-address form
        "xn--bucket",                                                          // reserved prefix
        "sthree-bucket",                                                       // reserved prefix
        "bucket-s3alias",                                                      // reserved suffix
        "bucket--ol-s3",                                                       // reserved suffix
        "double..dot",
        "-leading-hyphen",
        "trailing-hyphen-",
        ".leading-dot",
        "trailing-dot.",
    })
    void createBucketWithInvalidNameReturnsInvalidBucketName(String name) {
        // Sent raw: the SDK's CreateBucket interceptor rejects most of these names before sending.
        assertXmlError(server.raw().signed("PUT", "/" + name), 400, "InvalidBucketName");
    }

    @Test
    void createExistingOwnBucketInUsEast1Returns200AndKeepsItsObjects() {
        // S3's legacy behaviour in us-east-1, on which tools that "ensure" a bucket rely.
        String name = server.createBucket("twice");
        s3.putObject(b -> b.bucket(name).key("k"), RequestBody.fromString("kept"));
        CreateBucketResponse again = s3.createBucket(b -> b.bucket(name));
        assertThat(status(again)).isEqualTo(200);
        assertThat(again.location()).isEqualTo("/" + name);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(name).key("k")).asUtf8String()).isEqualTo("kept");
    }

    @Test
    void createExistingOwnBucketInAnotherRegionReturnsBucketAlreadyOwnedByYou() throws Exception {
        // A server of its own (the region is a server setting), signed for as eu-west-1.
        try (CofferServer euWest = CofferServer.startInProcess("--coffer.region=eu-west-1");
                S3Client client = euWest.newClient(CofferServer.ACCESS_KEY, CofferServer.SECRET_KEY, Region.EU_WEST_1)) {
            String name = server.uniqueBucketName("twice-eu");
            assertThat(status(client.createBucket(b -> b.bucket(name)))).isEqualTo(200);
            assertS3Error(409, "BucketAlreadyOwnedByYou", () -> client.createBucket(b -> b.bucket(name)));
        }
    }

    @Test
    void createBucketWithUsEast1LocationConstraintReturnsInvalidLocationConstraint() {
        // us-east-1 is the default region: S3 rejects naming it explicitly.
        String name = server.uniqueBucketName("loc");
        assertS3Error(400, "InvalidLocationConstraint", () -> s3.createBucket(b -> b.bucket(name)
                .createBucketConfiguration(c -> c.locationConstraint("us-east-1"))));
    }

    @Test
    void createBucketWithEmptyConfigurationLandsInUsEast1() {
        String name = server.uniqueBucketName("emptycfg");
        assertThat(status(s3.createBucket(b -> b.bucket(name).createBucketConfiguration(c -> { })))).isEqualTo(200);
        GetBucketLocationResponse location = s3.getBucketLocation(b -> b.bucket(name));
        assertThat(location.locationConstraintAsString()).isNullOrEmpty();
    }

    @Test
    void getBucketLocationOfUsEast1BucketIsEmpty() {
        String name = server.createBucket("location");
        GetBucketLocationResponse location = s3.getBucketLocation(b -> b.bucket(name));
        // S3 answers <LocationConstraint/> for us-east-1, never the string "us-east-1".
        assertThat(location.locationConstraintAsString()).isNullOrEmpty();
        assertThat(location.locationConstraint()).isNotEqualTo(BucketLocationConstraint.US_EAST_2);
        assertHasRequestId(location);
    }

    @Test
    void getBucketLocationOfMissingBucketReturnsNoSuchBucket() {
        String name = server.uniqueBucketName("nolocation");
        assertS3Error(404, "NoSuchBucket", () -> s3.getBucketLocation(b -> b.bucket(name)));
    }

    @Test
    void headBucketReturns200WithBucketRegion() {
        String name = server.createBucket("head");
        HeadBucketResponse response = s3.headBucket(b -> b.bucket(name));
        assertThat(status(response)).isEqualTo(200);
        assertThat(header(response, "x-amz-bucket-region")).isEqualTo("us-east-1");
        assertThat(response.bucketRegion()).isEqualTo("us-east-1");
        assertHasRequestId(response);
    }

    @Test
    void headMissingBucketReturns404() {
        String name = server.uniqueBucketName("nohead");
        assertS3Error(404, null, () -> s3.headBucket(b -> b.bucket(name)));
    }

    @Test
    void listBucketsShowsCreatedBucketsWithCreationDateAndOwner() {
        Instant before = Instant.now().minus(Duration.ofMinutes(5));
        String first = server.createBucket("list-a");
        String second = server.createBucket("list-b");
        ListBucketsResponse response = s3.listBuckets();
        assertHasRequestId(response);
        assertThat(response.buckets()).extracting(Bucket::name).contains(first, second);
        assertThat(response.buckets()).extracting(Bucket::name).isSorted();
        Bucket bucket = response.buckets().stream().filter(b -> b.name().equals(first)).findFirst().orElseThrow();
        assertThat(bucket.creationDate()).isAfter(before).isBefore(Instant.now().plus(Duration.ofMinutes(5)));
        assertThat(response.owner()).isNotNull();
        assertThat(response.owner().id()).isNotBlank();
    }

    @Test
    void deleteBucketReturns204AndTheBucketIsGone() {
        String name = server.createBucket("delete");
        DeleteBucketResponse response = s3.deleteBucket(b -> b.bucket(name));
        assertThat(status(response)).isEqualTo(204);
        assertHasRequestId(response);
        assertS3Error(404, null, () -> s3.headBucket(b -> b.bucket(name)));
        assertThat(s3.listBuckets().buckets()).extracting(Bucket::name).doesNotContain(name);
    }

    @Test
    void deleteNonEmptyBucketReturnsBucketNotEmpty() {
        String name = server.createBucket("notempty");
        s3.putObject(b -> b.bucket(name).key("k"), RequestBody.fromString("x"));
        assertS3Error(409, "BucketNotEmpty", () -> s3.deleteBucket(b -> b.bucket(name)));
        assertThat(status(s3.headBucket(b -> b.bucket(name)))).isEqualTo(200);
    }

    @Test
    void deleteMissingBucketReturnsNoSuchBucket() {
        String name = server.uniqueBucketName("nodelete");
        assertS3Error(404, "NoSuchBucket", () -> s3.deleteBucket(b -> b.bucket(name)));
    }

    @Test
    void bucketCanBeRecreatedAfterDelete() {
        String name = server.createBucket("recreate");
        s3.deleteBucket(b -> b.bucket(name));
        assertThat(status(s3.createBucket(b -> b.bucket(name)))).isEqualTo(200);
        assertThat(s3.listObjectsV2(b -> b.bucket(name)).contents()).isEmpty();
    }
}

package dev.coffer.compat;

import static dev.coffer.compat.support.S3Assertions.assertS3Error;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetBucketVersioningResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ObjectAttributes;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Bucket versioning through the AWS SDK v2: states, version ids, delete markers, restore, copy. */
@ExtendWith(CofferServerExtension.class)
class VersioningIT {
    private static CofferServer server;
    private static S3Client s3;

    @BeforeAll
    static void start(CofferServer cofferServer) {
        server = cofferServer;
        s3 = server.s3();
    }

    private static String versionedBucket(String hint) {
        return server.createVersionedBucket(hint);
    }

    private static String put(String bucket, String key, String body) {
        return s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(body)).versionId();
    }

    private static String get(String bucket, String key, String versionId) {
        return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key).versionId(versionId)).asUtf8String();
    }

    @Test
    void newBucketReportsAnEmptyVersioningConfiguration() {
        String bucket = server.createBucket("ver-empty");
        GetBucketVersioningResponse r = s3.getBucketVersioning(b -> b.bucket(bucket));
        assertThat(r.status()).isNull();
        assertThat(r.mfaDelete()).isNull();
    }

    @Test
    void versioningMovesBetweenEnabledAndSuspended() {
        String bucket = versionedBucket("ver-states");
        assertThat(s3.getBucketVersioning(b -> b.bucket(bucket)).status()).isEqualTo(BucketVersioningStatus.ENABLED);
        s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(c -> c.status(BucketVersioningStatus.SUSPENDED)));
        assertThat(s3.getBucketVersioning(b -> b.bucket(bucket)).status()).isEqualTo(BucketVersioningStatus.SUSPENDED);
    }

    @Test
    void malformedOrMfaConfigurationsAreRefused() {
        String bucket = server.createBucket("ver-bad");
        assertS3Error(400, "MalformedXML", () -> s3.putBucketVersioning(b -> b.bucket(bucket)
                .versioningConfiguration(c -> c.status("Sometimes"))));
        assertS3Error(501, "NotImplemented", () -> s3.putBucketVersioning(b -> b.bucket(bucket)
                .versioningConfiguration(c -> c.status(BucketVersioningStatus.ENABLED).mfaDelete("Enabled"))));
        assertS3Error(404, "NoSuchBucket", () -> s3.putBucketVersioning(b -> b.bucket(server.uniqueBucketName("none"))
                .versioningConfiguration(c -> c.status(BucketVersioningStatus.ENABLED))));
        assertThat(s3.getBucketVersioning(b -> b.bucket(bucket)).status()).isNull();
    }

    @Test
    void everyWriteInAnEnabledBucketMakesANewTimeOrderedVersion() {
        String bucket = versionedBucket("ver-writes");
        String v1 = put(bucket, "k", "one");
        String v2 = put(bucket, "k", "two");
        assertThat(v1).isNotNull().isNotEqualTo(v2);
        assertThat(v1.compareTo(v2)).isNegative();
        assertThat(get(bucket, "k", null)).isEqualTo("two");
        assertThat(get(bucket, "k", v1)).isEqualTo("one");
        assertThat(s3.getObject(b -> b.bucket(bucket).key("k").versionId(v1)).response().versionId()).isEqualTo(v1);
        assertThat(s3.headObject(b -> b.bucket(bucket).key("k")).versionId()).isEqualTo(v2);
    }

    @Test
    void unknownVersionIsNoSuchVersionAndMalformedIdIsInvalidArgument() {
        String bucket = versionedBucket("ver-unknown");
        String v1 = put(bucket, "k", "one");
        String other = put(bucket, "other", "x");
        assertS3Error(404, "NoSuchVersion", () -> get(bucket, "k", other));
        assertS3Error(400, "InvalidArgument", () -> get(bucket, "k", "no-such-id"));
        assertThat(get(bucket, "k", v1)).isEqualTo("one");
    }

    @Test
    void deleteWithoutIdMakesAMarkerThatHidesTheKey() {
        String bucket = versionedBucket("ver-marker");
        String v1 = put(bucket, "k", "one");
        DeleteObjectResponse deleted = s3.deleteObject(b -> b.bucket(bucket).key("k"));
        assertThat(deleted.deleteMarker()).isTrue();
        String marker = deleted.versionId();
        assertThat(marker).isNotNull().isNotEqualTo(v1);

        S3Exception missing = assertS3Error(404, "NoSuchKey", () -> get(bucket, "k", null));
        assertThat(missing.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amz-delete-marker")).hasValue("true");
        S3Exception byId = assertS3Error(405, "MethodNotAllowed", () -> get(bucket, "k", marker));
        assertThat(byId.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amz-delete-marker")).hasValue("true");
        assertThat(byId.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("Last-Modified")).isPresent();
        assertS3Error(405, null, () -> s3.headObject(b -> b.bucket(bucket).key("k").versionId(marker)));
        assertThat(get(bucket, "k", v1)).isEqualTo("one");
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).contents()).isEmpty();
    }

    @Test
    void deletingTheMarkerRestoresThePreviousVersion() {
        String bucket = versionedBucket("ver-restore");
        put(bucket, "k", "one");
        String marker = s3.deleteObject(b -> b.bucket(bucket).key("k")).versionId();
        DeleteObjectResponse removed = s3.deleteObject(b -> b.bucket(bucket).key("k").versionId(marker));
        assertThat(removed.deleteMarker()).isTrue();
        assertThat(removed.versionId()).isEqualTo(marker);
        assertThat(get(bucket, "k", null)).isEqualTo("one");
    }

    @Test
    void deletingTheLatestVersionMakesThePreviousOneCurrent() {
        String bucket = versionedBucket("ver-delete-latest");
        String v1 = put(bucket, "k", "one");
        String v2 = put(bucket, "k", "two");
        DeleteObjectResponse r = s3.deleteObject(b -> b.bucket(bucket).key("k").versionId(v2));
        assertThat(r.versionId()).isEqualTo(v2);
        assertThat(r.deleteMarker()).isNull();
        assertThat(get(bucket, "k", null)).isEqualTo("one");
        assertS3Error(404, "NoSuchVersion", () -> get(bucket, "k", v2));
        assertThat(get(bucket, "k", v1)).isEqualTo("one");
    }

    @Test
    void suspendedWritesReplaceTheNullVersionAndKeepOthers() {
        String bucket = server.createBucket("ver-suspended");
        put(bucket, "k", "null-0");
        s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(c -> c.status(BucketVersioningStatus.ENABLED)));
        String v1 = put(bucket, "k", "one");
        s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(c -> c.status(BucketVersioningStatus.SUSPENDED)));
        put(bucket, "k", "null-2");
        assertThat(get(bucket, "k", "null")).isEqualTo("null-2");
        assertThat(s3.getObject(b -> b.bucket(bucket).key("k")).response().versionId()).isEqualTo("null");
        List<ObjectVersion> versions = s3.listObjectVersions(b -> b.bucket(bucket)).versions();
        assertThat(versions).extracting(ObjectVersion::versionId).containsExactly("null", v1);
        assertThat(versions).extracting(ObjectVersion::isLatest).containsExactly(true, false);
        DeleteObjectResponse marker = s3.deleteObject(b -> b.bucket(bucket).key("k"));
        assertThat(marker.deleteMarker()).isTrue();
        assertThat(marker.versionId()).isEqualTo("null");
        ListObjectVersionsResponse after = s3.listObjectVersions(b -> b.bucket(bucket));
        assertThat(after.versions()).extracting(ObjectVersion::versionId).containsExactly(v1);
        assertThat(after.deleteMarkers()).singleElement().satisfies(m -> assertThat(m.versionId()).isEqualTo("null"));
    }

    @Test
    void copyReadsTheNamedSourceVersionAndMakesANewVersion() {
        String bucket = versionedBucket("ver-copy");
        String v1 = put(bucket, "src", "one");
        put(bucket, "src", "two");
        var copied = s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("src").sourceVersionId(v1)
                .destinationBucket(bucket).destinationKey("dst"));
        assertThat(copied.copySourceVersionId()).isEqualTo(v1);
        assertThat(copied.versionId()).isNotNull();
        assertThat(get(bucket, "dst", copied.versionId())).isEqualTo("one");
        String marker = s3.deleteObject(b -> b.bucket(bucket).key("src")).versionId();
        assertS3Error(404, "NoSuchKey", () -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("src")
                .destinationBucket(bucket).destinationKey("dst2")));
        assertS3Error(400, "InvalidRequest", () -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("src")
                .sourceVersionId(marker).destinationBucket(bucket).destinationKey("dst2")));
    }

    @Test
    void copyingAnOldVersionOntoItsOwnKeyRestoresItAsTheNewestVersion() {
        String bucket = versionedBucket("ver-restore");
        String v1 = put(bucket, "k", "first");
        String v2 = put(bucket, "k", "second");
        CopyObjectResponse restored = s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("k").sourceVersionId(v1)
                .destinationBucket(bucket).destinationKey("k"));
        assertThat(restored.copySourceVersionId()).isEqualTo(v1);
        assertThat(restored.versionId()).isNotIn(v1, v2);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String()).isEqualTo("first");
        assertThat(get(bucket, "k", v2)).isEqualTo("second");
        assertS3Error(400, "InvalidRequest", () -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("k")
                .destinationBucket(bucket).destinationKey("k")));
    }

    @Test
    void getObjectAttributesReadsTheNamedVersion() {
        String bucket = versionedBucket("ver-attrs");
        String v1 = put(bucket, "k", "short");
        String v2 = put(bucket, "k", "a longer body");
        var old = s3.getObjectAttributes(b -> b.bucket(bucket).key("k").versionId(v1)
                .objectAttributes(ObjectAttributes.OBJECT_SIZE, ObjectAttributes.E_TAG));
        assertThat(old.objectSize()).isEqualTo(5L);
        assertThat(old.versionId()).isEqualTo(v1);
        var latest = s3.getObjectAttributes(b -> b.bucket(bucket).key("k").objectAttributes(ObjectAttributes.OBJECT_SIZE));
        assertThat(latest.objectSize()).isEqualTo(13L);
        assertThat(latest.versionId()).isEqualTo(v2);
        assertS3Error(404, "NoSuchVersion", () -> s3.getObjectAttributes(b -> b.bucket(bucket).key("k")
                .versionId(v1.substring(0, v1.length() - 1) + (v1.endsWith("A") ? "B" : "A"))
                .objectAttributes(ObjectAttributes.OBJECT_SIZE)));
    }

    @Test
    void deleteObjectsReportsMarkersAndDeletesNamedVersions() {
        String bucket = versionedBucket("ver-multi");
        String v1 = put(bucket, "a", "one");
        put(bucket, "b", "two");
        DeleteObjectsResponse r = s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(
                ObjectIdentifier.builder().key("a").versionId(v1).build(),
                ObjectIdentifier.builder().key("b").build())));
        assertThat(r.errors()).isEmpty();
        var byKey = r.deleted().stream().collect(java.util.stream.Collectors.toMap(d -> d.key(), d -> d));
        assertThat(byKey.get("a").versionId()).isEqualTo(v1);
        assertThat(byKey.get("a").deleteMarker()).isNull();
        assertThat(byKey.get("b").deleteMarker()).isTrue();
        String marker = byKey.get("b").deleteMarkerVersionId();
        assertThat(marker).isNotNull();
        DeleteObjectsResponse undo = s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(
                ObjectIdentifier.builder().key("b").versionId(marker).build())));
        assertThat(undo.deleted()).singleElement().satisfies(d -> {
            assertThat(d.deleteMarker()).isTrue();
            assertThat(d.deleteMarkerVersionId()).isEqualTo(marker);
        });
        assertThat(get(bucket, "b", null)).isEqualTo("two");
        assertS3Error(404, "NoSuchKey", () -> get(bucket, "a", null));
    }

    @Test
    void bucketHoldingOnlyMarkersIsNotEmpty() {
        String bucket = versionedBucket("ver-nonempty");
        s3.deleteObject(b -> b.bucket(bucket).key("ghost"));
        assertS3Error(409, "BucketNotEmpty", () -> s3.deleteBucket(b -> b.bucket(bucket)));
    }
}

package dev.coffer.compat;

import static dev.coffer.compat.support.S3Assertions.assertS3Error;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import dev.coffer.compat.support.Multipart;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.UploadPartCopyResponse;

/**
 * The version an x-amz-copy-source names, on every copy path (CopyObject and UploadPartCopy), with
 * the SDK v2 at its defaults: the named version's bytes (never the current version's), the
 * x-amz-copy-source-version-id it answers, and S3's errors for a delete marker, an unknown id and a
 * malformed id. Conditions and ranges apply to the named version.
 */
@ExtendWith(CofferServerExtension.class)
class CopySourceVersionsIT {
    private static CofferServer server;
    private static S3Client s3;

    @BeforeAll
    static void start(CofferServer cofferServer) {
        server = cofferServer;
        s3 = server.s3();
    }

    /** What a copy gave: the bytes now at the target, and the source version the response named. */
    record Copied(String body, String sourceVersionId) {}

    /** The two ways to copy an object's bytes server-side. */
    enum CopyPath {
        COPY_OBJECT {
            @Override
            Copied copy(String bucket, String key, String versionId, String ifMatch, String range) {
                if (range != null) throw new IllegalArgumentException("CopyObject takes no range");
                CopyObjectResponse r = s3.copyObject(b -> b.sourceBucket(bucket).sourceKey(key).sourceVersionId(versionId)
                        .copySourceIfMatch(ifMatch).destinationBucket(bucket).destinationKey(key + "-copy"));
                return new Copied(read(bucket, key + "-copy"), r.copySourceVersionId());
            }
        },
        UPLOAD_PART_COPY {
            @Override
            Copied copy(String bucket, String key, String versionId, String ifMatch, String range) {
                String target = key + "-part-copy";
                String id = Multipart.create(s3, bucket, target);
                UploadPartCopyResponse r = s3.uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey(key)
                        .sourceVersionId(versionId).copySourceIfMatch(ifMatch).copySourceRange(range)
                        .destinationBucket(bucket).destinationKey(target).uploadId(id).partNumber(1));
                s3.completeMultipartUpload(c -> c.bucket(bucket).key(target).uploadId(id).multipartUpload(m -> m.parts(
                        CompletedPart.builder().partNumber(1).eTag(r.copyPartResult().eTag()).build())));
                return new Copied(read(bucket, target), r.copySourceVersionId());
            }
        };

        abstract Copied copy(String bucket, String key, String versionId, String ifMatch, String range);

        Copied copy(String bucket, String key, String versionId) {
            return copy(bucket, key, versionId, null, null);
        }
    }

    private static String read(String bucket, String key) {
        return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String();
    }

    private static String versionedBucket(String hint) {
        return server.createVersionedBucket(hint);
    }

    private static String put(String bucket, String key, String body) {
        return s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(body)).versionId();
    }

    @ParameterizedTest
    @EnumSource(CopyPath.class)
    void aNamedOlderVersionIsCopiedNotTheCurrentOne(CopyPath path) {
        String bucket = versionedBucket("cv-older");
        String v1 = put(bucket, "k", "the first version");
        put(bucket, "k", "the second, current version");
        assertThat(path.copy(bucket, "k", v1)).isEqualTo(new Copied("the first version", v1));
    }

    @ParameterizedTest
    @EnumSource(CopyPath.class)
    void withoutAVersionIdTheCurrentVersionIsCopiedAndNamed(CopyPath path) {
        String bucket = versionedBucket("cv-current");
        put(bucket, "k", "old");
        String v2 = put(bucket, "k", "current");
        assertThat(path.copy(bucket, "k", null)).isEqualTo(new Copied("current", v2));
    }

    @ParameterizedTest
    @EnumSource(CopyPath.class)
    void theNullVersionIsCopiedByTheIdNull(CopyPath path) {
        String bucket = server.createBucket("cv-null");
        put(bucket, "k", "written before versioning");
        s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(c -> c.status(BucketVersioningStatus.ENABLED)));
        put(bucket, "k", "written after");
        assertThat(path.copy(bucket, "k", "null")).isEqualTo(new Copied("written before versioning", "null"));
    }

    @ParameterizedTest
    @EnumSource(CopyPath.class)
    void aKeyWhoseLatestVersionIsADeleteMarkerIsNoSuchKey(CopyPath path) {
        String bucket = versionedBucket("cv-deleted");
        put(bucket, "k", "deleted");
        s3.deleteObject(b -> b.bucket(bucket).key("k"));
        assertS3Error(404, "NoSuchKey", () -> path.copy(bucket, "k", null));
    }

    @ParameterizedTest
    @EnumSource(CopyPath.class)
    void aDeleteMarkerNamedByIdIsInvalidRequest(CopyPath path) {
        String bucket = versionedBucket("cv-marker");
        put(bucket, "k", "deleted");
        String marker = s3.deleteObject(b -> b.bucket(bucket).key("k")).versionId();
        assertS3Error(400, "InvalidRequest", () -> path.copy(bucket, "k", marker));
    }

    @ParameterizedTest
    @EnumSource(CopyPath.class)
    void anUnknownVersionIdIsNoSuchVersion(CopyPath path) {
        String bucket = versionedBucket("cv-unknown");
        String v1 = put(bucket, "k", "one");
        s3.deleteObject(b -> b.bucket(bucket).key("k").versionId(v1));
        put(bucket, "k", "two");
        assertS3Error(404, "NoSuchVersion", () -> path.copy(bucket, "k", v1));
    }

    @ParameterizedTest
    @EnumSource(CopyPath.class)
    void aMalformedVersionIdIsInvalidArgument(CopyPath path) {
        String bucket = versionedBucket("cv-malformed");
        put(bucket, "k", "one");
        assertS3Error(400, "InvalidArgument", () -> path.copy(bucket, "k", "not-a-version-id"));
    }

    @ParameterizedTest
    @EnumSource(CopyPath.class)
    void copySourceIfMatchIsCheckedAgainstTheNamedVersion(CopyPath path) {
        String bucket = versionedBucket("cv-ifmatch");
        String v1 = put(bucket, "k", "one");
        String currentEtag = s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("two")).eTag();
        String v1Etag = s3.headObject(b -> b.bucket(bucket).key("k").versionId(v1)).eTag();
        assertS3Error(412, "PreconditionFailed", () -> path.copy(bucket, "k", v1, currentEtag, null));
        assertThat(path.copy(bucket, "k", v1, v1Etag, null)).isEqualTo(new Copied("one", v1));
    }

    @ParameterizedTest
    @EnumSource(value = CopyPath.class, names = "UPLOAD_PART_COPY")
    void aRangeIsCheckedAgainstTheNamedVersionsSize(CopyPath path) {
        String bucket = versionedBucket("cv-range");
        String v1 = put(bucket, "k", "0123456789");
        put(bucket, "k", "a current version much longer than the first");
        assertThat(path.copy(bucket, "k", v1, null, "bytes=2-5")).isEqualTo(new Copied("2345", v1));
        // Within the current version, past the named one: S3 answers InvalidArgument for the source's size.
        assertS3Error(400, "InvalidArgument", () -> path.copy(bucket, "k", v1, null, "bytes=5-20"));
    }
}

package dev.coffer.compat;

import static dev.coffer.compat.support.S3Assertions.header;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import dev.coffer.compat.support.Multipart;
import dev.coffer.compat.support.TestData;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * The x-amz-version-id every write answers, as S3 sends it: the new version's id in a bucket with
 * versioning enabled, "null" in a suspended one (the write made the null version), none in a
 * bucket that never had versioning. PutObject, CopyObject, CompleteMultipartUpload and the browser
 * POST each write a version, so each is asked.
 */
@ExtendWith(CofferServerExtension.class)
class VersionIdHeadersIT {
    private static CofferServer server;
    private static S3Client s3;

    @BeforeAll
    static void start(CofferServer cofferServer) {
        server = cofferServer;
        s3 = server.s3();
    }

    private static String bucket(String hint, BucketVersioningStatus status) {
        if (status == null) return server.createBucket(hint);
        String bucket = server.createVersionedBucket(hint);
        if (status == BucketVersioningStatus.SUSPENDED) {
            s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(c -> c.status(status)));
        }
        return bucket;
    }

    /** The x-amz-version-id of a PutObject, a CopyObject, a CompleteMultipartUpload and a POST, in that order. */
    private static List<Optional<String>> versionIdsOfEveryWrite(String bucket) {
        String put = s3.putObject(b -> b.bucket(bucket).key("put"), RequestBody.fromString("put")).versionId();
        String copy = s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("put").destinationBucket(bucket)
                .destinationKey("copy")).versionId();
        String id = Multipart.create(s3, bucket, "mpu");
        CompletedPart part = Multipart.upload(s3, bucket, "mpu", id, 1, TestData.utf8("mpu"));
        String complete = s3.completeMultipartUpload(b -> b.bucket(bucket).key("mpu").uploadId(id)
                .multipartUpload(m -> m.parts(part))).versionId();
        HttpResponse<byte[]> post = PostObjectIT.Form.v4(server, bucket, "post", List.of("{\"key\": \"post\"}"))
                .post("post.txt", TestData.utf8("post"));
        assertThat(post.statusCode()).isEqualTo(204);
        return List.of(Optional.ofNullable(put), Optional.ofNullable(copy), Optional.ofNullable(complete),
                post.headers().firstValue("x-amz-version-id"));
    }

    @Test
    void writesIntoASuspendedBucketAnswerVersionIdNull() {
        String bucket = bucket("vid-suspended", BucketVersioningStatus.SUSPENDED);
        assertThat(versionIdsOfEveryWrite(bucket)).containsOnly(Optional.of("null"));
    }

    @Test
    void writesIntoAnUnversionedBucketSendNoVersionId() {
        String bucket = bucket("vid-unversioned", null);
        assertThat(versionIdsOfEveryWrite(bucket)).containsOnly(Optional.empty());
    }

    @Test
    void writesIntoAVersionedBucketNameTheVersionTheyMade() {
        String bucket = bucket("vid-enabled", BucketVersioningStatus.ENABLED);
        List<Optional<String>> ids = versionIdsOfEveryWrite(bucket);
        List<String> keys = List.of("put", "copy", "mpu", "post");
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i);
            assertThat(ids.get(i)).as(key).hasValueSatisfying(v -> assertThat(v).isNotEqualTo("null"));
            assertThat(s3.headObject(b -> b.bucket(bucket).key(key)).versionId()).as(key).isEqualTo(ids.get(i).get());
        }
    }

    @Test
    void copyOfANullVersionNamesItsSourceVersionNull() {
        String bucket = bucket("vid-copy-null", BucketVersioningStatus.SUSPENDED);
        s3.putObject(b -> b.bucket(bucket).key("src"), RequestBody.fromString("null version"));
        var copied = s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("src").destinationBucket(bucket).destinationKey("dst"));
        assertThat(copied.copySourceVersionId()).isEqualTo("null");
        assertThat(header(copied, "x-amz-version-id")).isEqualTo("null");
    }
}

package dev.coffer.compat;

import static dev.coffer.compat.support.S3Assertions.assertS3Error;
import static dev.coffer.compat.support.S3Assertions.assertXmlError;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import dev.coffer.compat.support.ConditionalRace;
import dev.coffer.compat.support.Multipart;
import dev.coffer.compat.support.Xml;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * CompleteMultipartUpload with If-None-Match: * and If-Match (S3's conditional writes, 2024): the
 * same answers and the same race guarantee as PutObject; a completion refused by its condition
 * changes nothing and leaves the upload in progress. And x-amz-mp-object-size, the size the
 * completed object must have.
 */
@ExtendWith(CofferServerExtension.class)
class MultipartConditionalCompleteIT {
    private static CofferServer server;
    private static S3Client s3;
    private static String bucket;

    @BeforeAll
    static void start(CofferServer cofferServer) {
        server = cofferServer;
        s3 = server.s3();
        bucket = server.createBucket("condcomplete");
    }

    /** A one-part upload, not completed. */
    private record Started(String uploadId, CompletedPart part) {}

    private static Started started(String key, String body) {
        String id = Multipart.create(s3, bucket, key);
        return new Started(id, Multipart.upload(s3, bucket, key, id, 1, body.getBytes(StandardCharsets.UTF_8)));
    }

    private static CompleteMultipartUploadResponse complete(String key, Started upload,
                                                            Consumer<CompleteMultipartUploadRequest.Builder> condition) {
        CompleteMultipartUploadRequest.Builder request = CompleteMultipartUploadRequest.builder().bucket(bucket).key(key)
                .uploadId(upload.uploadId()).multipartUpload(m -> m.parts(upload.part()));
        condition.accept(request);
        return s3.completeMultipartUpload(request.build());
    }

    private static String body(String key) {
        return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String();
    }

    /** Completes by raw HTTP with one conditional header: the SDK does not keep the error's Condition element. */
    private static String failedCondition(String key, Started upload, String header, String value) {
        String xml = "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>" + upload.part().eTag()
                + "</ETag></Part></CompleteMultipartUpload>";
        String error = assertXmlError(server.raw().signed("POST", "/" + bucket + "/" + key + "?uploadId=" + upload.uploadId(),
                Map.of(header, value), xml.getBytes(StandardCharsets.UTF_8)), 412, "PreconditionFailed");
        return Xml.text(error, "/Error/Condition");
    }

    @Test
    void completeWithAnotherMpObjectSizeIsInvalidRequestAndWithItsOwnCompletes() {
        Started upload = started("sized", "12345");
        assertS3Error(400, "InvalidRequest", () -> complete("sized", upload, r -> r.mpuObjectSize(6L)));
        complete("sized", upload, r -> r.mpuObjectSize(5L));
        assertThat(body("sized")).isEqualTo("12345");
    }

    @Test
    void completeWithIfNoneMatchStarCreatesAMissingKey() {
        Started upload = started("fresh", "from the upload");
        complete("fresh", upload, r -> r.ifNoneMatch("*"));
        assertThat(body("fresh")).isEqualTo("from the upload");
    }

    @Test
    void completeWithIfNoneMatchStarOnExistingKeyReturns412AndTheUploadStaysInProgress() {
        s3.putObject(b -> b.bucket(bucket).key("taken"), RequestBody.fromString("original"));
        Started upload = started("taken", "from the upload");
        assertS3Error(412, "PreconditionFailed", () -> complete("taken", upload, r -> r.ifNoneMatch("*")));
        assertThat(failedCondition("taken", upload, "If-None-Match", "*")).isEqualTo("If-None-Match");
        assertThat(body("taken")).isEqualTo("original");
        // Nothing changed: the upload and its part are still there, and completing without the
        // condition publishes them.
        assertThat(s3.listParts(b -> b.bucket(bucket).key("taken").uploadId(upload.uploadId())).parts()).hasSize(1);
        complete("taken", upload, r -> { });
        assertThat(body("taken")).isEqualTo("from the upload");
    }

    @Test
    void completeWithIfNoneMatchStarOverADeleteMarkerCreatesTheObject() {
        String versioned = server.createBucket("condcomplete-v");
        s3.putBucketVersioning(b -> b.bucket(versioned).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        s3.putObject(b -> b.bucket(versioned).key("k"), RequestBody.fromString("old"));
        s3.deleteObject(b -> b.bucket(versioned).key("k"));
        String id = Multipart.create(s3, versioned, "k");
        CompletedPart part = Multipart.upload(s3, versioned, "k", id, 1, "new".getBytes());
        CompleteMultipartUploadResponse done = s3.completeMultipartUpload(b -> b.bucket(versioned).key("k").uploadId(id)
                .multipartUpload(m -> m.parts(part)).ifNoneMatch("*"));
        assertThat(done.versionId()).isNotBlank();
        assertThat(s3.getObjectAsBytes(b -> b.bucket(versioned).key("k")).asUtf8String()).isEqualTo("new");
    }

    @Test
    void completeWithMatchingIfMatchReplacesTheObject() {
        String etag = s3.putObject(b -> b.bucket(bucket).key("cas"), RequestBody.fromString("v1")).eTag();
        Started upload = started("cas", "v2 from the upload");
        complete("cas", upload, r -> r.ifMatch(etag));
        assertThat(body("cas")).isEqualTo("v2 from the upload");
    }

    @Test
    void completeWithOtherIfMatchReturns412AndKeepsTheObject() {
        s3.putObject(b -> b.bucket(bucket).key("cas-stale"), RequestBody.fromString("v1"));
        Started upload = started("cas-stale", "v2");
        assertS3Error(412, "PreconditionFailed",
                () -> complete("cas-stale", upload, r -> r.ifMatch("\"00000000000000000000000000000000\"")));
        assertThat(failedCondition("cas-stale", upload, "If-Match", "\"00000000000000000000000000000000\""))
                .isEqualTo("If-Match");
        assertThat(body("cas-stale")).isEqualTo("v1");
        assertThat(s3.listParts(b -> b.bucket(bucket).key("cas-stale").uploadId(upload.uploadId())).parts()).hasSize(1);
    }

    @Test
    void completeWithIfMatchOnMissingKeyReturnsNoSuchKey() {
        Started upload = started("cas-missing", "v1");
        assertS3Error(404, "NoSuchKey",
                () -> complete("cas-missing", upload, r -> r.ifMatch("\"00000000000000000000000000000000\"")));
        assertS3Error(404, "NoSuchKey", () -> s3.headObject(b -> b.bucket(bucket).key("cas-missing")));
    }

    @Test
    void concurrentIfNoneMatchStarCompletionsOfOneKeyLetExactlyOneWin() throws Exception {
        int writers = 8;
        List<Started> uploads = new ArrayList<>();
        for (int i = 0; i < writers; i++) uploads.add(started("race", "writer-" + i));
        List<Integer> winners = ConditionalRace.winners(writers, i -> complete("race", uploads.get(i), r -> r.ifNoneMatch("*")));
        assertThat(winners).hasSize(1);
        assertThat(body("race")).isEqualTo("writer-" + winners.get(0));
        // Every loser's upload is still in progress, for its owner to abort (or complete).
        assertThat(s3.listMultipartUploads(b -> b.bucket(bucket).prefix("race")).uploads()).hasSize(writers - 1);
    }
}

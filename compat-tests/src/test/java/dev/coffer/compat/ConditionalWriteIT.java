package dev.coffer.compat;

import static dev.coffer.compat.support.S3Assertions.assertS3Error;
import static dev.coffer.compat.support.S3Assertions.assertXmlError;
import static dev.coffer.compat.support.S3Assertions.status;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import dev.coffer.compat.support.ConditionalRace;
import dev.coffer.compat.support.RawS3;
import dev.coffer.compat.support.Xml;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/** PutObject and CopyObject (its target) with If-None-Match: * and If-Match: the conditional writes of S3. */
@ExtendWith(CofferServerExtension.class)
class ConditionalWriteIT {

    private static S3Client s3;
    private static RawS3 raw;
    private static String bucket;

    @BeforeAll
    static void start(CofferServer server) {
        s3 = server.s3();
        raw = server.raw();
        bucket = server.createBucket("condwrite");
    }

    @Test
    void putObjectWithIfNoneMatchStarCreatesAMissingKey() {
        PutObjectResponse put = s3.putObject(b -> b.bucket(bucket).key("fresh").ifNoneMatch("*"), RequestBody.fromString("v1"));
        assertThat(status(put)).isEqualTo(200);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("fresh")).asUtf8String()).isEqualTo("v1");
    }

    @Test
    void putObjectWithIfNoneMatchStarOnExistingKeyReturns412AndKeepsTheObject() {
        s3.putObject(b -> b.bucket(bucket).key("exists"), RequestBody.fromString("original"));
        assertS3Error(412, "PreconditionFailed", () -> s3.putObject(b -> b.bucket(bucket).key("exists").ifNoneMatch("*"),
                RequestBody.fromString("intruder")));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("exists")).asUtf8String()).isEqualTo("original");
    }

    @Test
    void failedIfNoneMatchNamesIfNoneMatchAsTheFailedCondition() {
        // Raw HTTP: the SDK does not keep the error document's Condition element.
        s3.putObject(b -> b.bucket(bucket).key("named-none"), RequestBody.fromString("original"));
        String error = assertXmlError(raw.signed("PUT", "/" + bucket + "/named-none", Map.of("If-None-Match", "*"),
                "intruder".getBytes(StandardCharsets.UTF_8)), 412, "PreconditionFailed");
        assertThat(Xml.text(error, "/Error/Condition")).isEqualTo("If-None-Match");
    }

    @Test
    void failedIfMatchNamesIfMatchAsTheFailedCondition() {
        s3.putObject(b -> b.bucket(bucket).key("named-match"), RequestBody.fromString("original"));
        String error = assertXmlError(raw.signed("PUT", "/" + bucket + "/named-match",
                Map.of("If-Match", "\"00000000000000000000000000000000\""), "v2".getBytes(StandardCharsets.UTF_8)),
                412, "PreconditionFailed");
        assertThat(Xml.text(error, "/Error/Condition")).isEqualTo("If-Match");
    }

    @Test
    void putObjectWithMatchingIfMatchReplacesTheObject() {
        String etag = s3.putObject(b -> b.bucket(bucket).key("cas"), RequestBody.fromString("v1")).eTag();
        assertThat(status(s3.putObject(b -> b.bucket(bucket).key("cas").ifMatch(etag), RequestBody.fromString("v2"))))
                .isEqualTo(200);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("cas")).asUtf8String()).isEqualTo("v2");
    }

    @Test
    void putObjectWithOtherIfMatchReturns412AndKeepsTheObject() {
        s3.putObject(b -> b.bucket(bucket).key("cas-stale"), RequestBody.fromString("v1"));
        assertS3Error(412, "PreconditionFailed", () -> s3.putObject(b -> b.bucket(bucket).key("cas-stale")
                .ifMatch("\"00000000000000000000000000000000\""), RequestBody.fromString("v2")));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("cas-stale")).asUtf8String()).isEqualTo("v1");
    }

    @Test
    void putObjectWithIfMatchOnMissingKeyReturnsNoSuchKey() {
        // S3 user guide, conditional writes: with If-Match and no current object, 404 Not Found.
        assertS3Error(404, "NoSuchKey", () -> s3.putObject(b -> b.bucket(bucket).key("cas-missing")
                .ifMatch("\"00000000000000000000000000000000\""), RequestBody.fromString("v1")));
    }

    @Test
    void copyObjectWithIfNoneMatchStarOntoAnExistingKeyReturns412AndKeepsTheTarget() {
        s3.putObject(b -> b.bucket(bucket).key("copy-src"), RequestBody.fromString("source"));
        s3.putObject(b -> b.bucket(bucket).key("copy-taken"), RequestBody.fromString("original"));
        assertS3Error(412, "PreconditionFailed", () -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("copy-src")
                .destinationBucket(bucket).destinationKey("copy-taken").ifNoneMatch("*")));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("copy-taken")).asUtf8String()).isEqualTo("original");
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("copy-src").destinationBucket(bucket).destinationKey("copy-new")
                .ifNoneMatch("*"));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("copy-new")).asUtf8String()).isEqualTo("source");
    }

    @Test
    void copyObjectWithIfMatchReplacesTheTargetOnlyOverItsEtag() {
        s3.putObject(b -> b.bucket(bucket).key("copy-src2"), RequestBody.fromString("source"));
        String etag = s3.putObject(b -> b.bucket(bucket).key("copy-cas"), RequestBody.fromString("v1")).eTag();
        assertS3Error(412, "PreconditionFailed", () -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("copy-src2")
                .destinationBucket(bucket).destinationKey("copy-cas").ifMatch("\"00000000000000000000000000000000\"")));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("copy-cas")).asUtf8String()).isEqualTo("v1");
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("copy-src2").destinationBucket(bucket).destinationKey("copy-cas")
                .ifMatch(etag));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("copy-cas")).asUtf8String()).isEqualTo("source");
    }

    @Test
    void concurrentIfNoneMatchStarPutsOfOneKeyLetExactlyOneWin() throws Exception {
        List<Integer> winners = ConditionalRace.winners(8, i -> s3.putObject(
                b -> b.bucket(bucket).key("race").ifNoneMatch("*"), RequestBody.fromString("writer-" + i)));
        assertThat(winners).hasSize(1);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("race")).asUtf8String())
                .isEqualTo("writer-" + winners.get(0));
    }
}

package dev.coffer.compat;

import static dev.coffer.compat.support.S3Assertions.assertS3Error;
import static dev.coffer.compat.support.S3Assertions.assertXmlError;
import static dev.coffer.compat.support.S3Assertions.status;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import dev.coffer.compat.support.Xml;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.DeletedObject;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * S3's conditional deletes (docs/conditional-deletes.md, one test per row): DeleteObject with
 * If-Match (an ETag or *), DeleteObjects with an ETag per key, through the SDK v2's ifMatch and
 * ObjectIdentifier.eTag. A refused delete leaves the object; only the current version counts.
 */
@ExtendWith(CofferServerExtension.class)
class ConditionalDeleteIT {
    private static final String STALE = "\"00000000000000000000000000000000\"";

    private static CofferServer server;
    private static S3Client s3;
    private static String bucket;
    private static String versioned;

    @BeforeAll
    static void start(CofferServer cofferServer) {
        server = cofferServer;
        s3 = server.s3();
        bucket = server.createBucket("conddel");
        versioned = server.createVersionedBucket("conddel-v");
    }

    @Test
    void deleteWithTheCurrentEtagAnswers204AndDeletes() {
        String etag = put(bucket, "match", "v1");
        assertThat(status(s3.deleteObject(b -> b.bucket(bucket).key("match").ifMatch(etag)))).isEqualTo(204);
        assertGone(bucket, "match");
    }

    @Test
    void deleteWithAStaleEtagAnswers412AndKeepsTheObject() {
        put(bucket, "stale", "v1");
        assertS3Error(412, "PreconditionFailed", () -> s3.deleteObject(b -> b.bucket(bucket).key("stale").ifMatch(STALE)));
        assertThat(read(bucket, "stale")).isEqualTo("v1");
    }

    @Test
    void anUnquotedEtagMatchesAsTheQuotedOneDoes() {
        String etag = put(bucket, "unquoted", "v1");
        s3.deleteObject(b -> b.bucket(bucket).key("unquoted").ifMatch(etag.replace("\"", "")));
        assertGone(bucket, "unquoted");
    }

    @Test
    void ifMatchStarDeletesAnExistingObject() {
        put(bucket, "star", "v1");
        assertThat(status(s3.deleteObject(b -> b.bucket(bucket).key("star").ifMatch("*")))).isEqualTo(204);
        assertGone(bucket, "star");
    }

    @Test
    void ifMatchOnAMissingKeyAnswersNoSuchKeyWhetherStarOrEtag() {
        assertS3Error(404, "NoSuchKey", () -> s3.deleteObject(b -> b.bucket(bucket).key("never").ifMatch("*")));
        assertS3Error(404, "NoSuchKey", () -> s3.deleteObject(b -> b.bucket(bucket).key("never").ifMatch(STALE)));
        // Unconditional, the same delete is S3's idempotent 204.
        assertThat(status(s3.deleteObject(b -> b.bucket(bucket).key("never")))).isEqualTo(204);
    }

    @Test
    void aFailedConditionNamesIfMatchInTheErrorDocument() {
        put(bucket, "named", "v1");
        String error = assertXmlError(server.raw().signed("DELETE", "/" + bucket + "/named", Map.of("If-Match", STALE), new byte[0]),
                412, "PreconditionFailed");
        assertThat(Xml.text(error, "/Error/Condition")).isEqualTo("If-Match");
    }

    @Test
    void inAVersionedBucketAMatchingDeleteAddsAMarkerAndOnlyTheCurrentVersionCounts() {
        String first = put(versioned, "k", "v1");
        String second = put(versioned, "k", "v2");
        assertS3Error(412, "PreconditionFailed", () -> s3.deleteObject(b -> b.bucket(versioned).key("k").ifMatch(first)));
        DeleteObjectResponse marked = s3.deleteObject(b -> b.bucket(versioned).key("k").ifMatch(second));
        assertThat(marked.deleteMarker()).isTrue();
        assertThat(marked.versionId()).isNotBlank();
        // The marker is now the latest version: there is no object, whatever lies under it.
        assertS3Error(404, "NoSuchKey", () -> s3.deleteObject(b -> b.bucket(versioned).key("k").ifMatch("*")));
        assertS3Error(404, "NoSuchKey", () -> s3.deleteObject(b -> b.bucket(versioned).key("k").ifMatch(second)));
        assertThat(s3.listObjectVersions(b -> b.bucket(versioned).prefix("k")).deleteMarkers()).hasSize(1);
    }

    @Test
    void ifMatchWithAVersionIdIsNotImplementedAndDeletesNothing() {
        String etag = put(versioned, "named-version", "v1");
        String version = s3.headObject(b -> b.bucket(versioned).key("named-version")).versionId();
        assertS3Error(501, "NotImplemented", () -> s3.deleteObject(b -> b.bucket(versioned).key("named-version")
                .versionId(version).ifMatch(etag)));
        assertThat(read(versioned, "named-version")).isEqualTo("v1");
    }

    @Test
    void directoryBucketConditionsAreNotImplementedAndDeleteNothing() {
        put(bucket, "dir-only", "hello\n");
        assertS3Error(501, "NotImplemented", () -> s3.deleteObject(b -> b.bucket(bucket).key("dir-only").ifMatchSize(6L)));
        assertS3Error(501, "NotImplemented", () -> s3.deleteObject(b -> b.bucket(bucket).key("dir-only")
                .ifMatchLastModifiedTime(Instant.now())));
        assertThat(read(bucket, "dir-only")).isEqualTo("hello\n");
    }

    @Test
    void deleteObjectsJudgesEachKeysEtagOnItsOwn() {
        String ok = put(bucket, "batch-ok", "1");
        put(bucket, "batch-stale", "2");
        put(bucket, "batch-star", "3");
        DeleteObjectsResponse response = s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(
                ObjectIdentifier.builder().key("batch-ok").eTag(ok).build(),
                ObjectIdentifier.builder().key("batch-stale").eTag(STALE).build(),
                ObjectIdentifier.builder().key("batch-star").eTag("*").build(),
                ObjectIdentifier.builder().key("batch-missing").eTag("*").build())));
        assertThat(response.deleted()).extracting(DeletedObject::key).containsExactlyInAnyOrder("batch-ok", "batch-star");
        assertThat(response.errors()).extracting(S3Error::key, S3Error::code).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("batch-stale", "PreconditionFailed"),
                org.assertj.core.groups.Tuple.tuple("batch-missing", "NoSuchKey"));
        assertGone(bucket, "batch-ok");
        assertThat(read(bucket, "batch-stale")).isEqualTo("2");
    }

    @Test
    void deleteObjectsRefusesTheKeysItCannotJudgeAndKeepsThem() {
        String etag = put(versioned, "batch-named", "1");
        String version = s3.headObject(b -> b.bucket(versioned).key("batch-named")).versionId();
        put(bucket, "batch-size", "hello\n");
        DeleteObjectsResponse sized = s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(
                ObjectIdentifier.builder().key("batch-size").size(6L).build())));
        assertThat(sized.errors()).extracting(S3Error::code).containsExactly("NotImplemented");
        DeleteObjectsResponse named = s3.deleteObjects(b -> b.bucket(versioned).delete(d -> d.objects(
                ObjectIdentifier.builder().key("batch-named").versionId(version).eTag(etag).build())));
        assertThat(named.errors()).extracting(S3Error::code).containsExactly("NotImplemented");
        assertThat(read(bucket, "batch-size")).isEqualTo("hello\n");
        assertThat(read(versioned, "batch-named")).isEqualTo("1");
    }

    @Test
    void concurrentDeletesWithOneEtagLetExactlyOneAddTheMarker() throws Exception {
        String etag = put(versioned, "race", "v1");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    try {
                        return status(s3.deleteObject(b -> b.bucket(versioned).key("race").ifMatch(etag)));
                    } catch (S3Exception e) {
                        return e.statusCode();
                    }
                }));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) statuses.add(answer.get());
            // The condition is checked with the delete, under the key's lock: the losers find the
            // winner's marker (no object, 404), never a second marker. S3 may also answer 409.
            assertThat(statuses).filteredOn(s -> s == 204).hasSize(1);
            assertThat(statuses).filteredOn(s -> s != 204).allSatisfy(s -> assertThat(s).isIn(404, 409));
        } finally {
            pool.shutdownNow();
        }
        assertThat(s3.listObjectVersions(b -> b.bucket(versioned).prefix("race")).deleteMarkers()).hasSize(1);
    }

    private static String put(String in, String key, String body) {
        return s3.putObject(b -> b.bucket(in).key(key), RequestBody.fromString(body)).eTag();
    }

    private static String read(String in, String key) {
        return s3.getObjectAsBytes(b -> b.bucket(in).key(key)).asUtf8String();
    }

    private static void assertGone(String in, String key) {
        assertS3Error(404, "NoSuchKey", () -> s3.getObject(b -> b.bucket(in).key(key)).close());
    }
}

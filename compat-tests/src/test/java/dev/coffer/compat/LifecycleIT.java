package dev.coffer.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.compat.support.AwsCli;
import dev.coffer.compat.support.CofferServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketLifecycleConfiguration;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.LifecycleRuleFilter;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Lifecycle rules through the AWS SDK v2 and the aws CLI at their defaults, on a server whose
 * lifecycle "day" is 2 seconds ({@code coffer.jobs.day-seconds=2}): each rule removes what it
 * names, within seconds, and nothing else.
 */
class LifecycleIT {
    private static CofferServer server;
    private static S3Client s3;

    @BeforeAll
    @Timeout(300) // a server of its own starts slowly on a loaded machine
    static void start() {
        server = CofferServer.startInProcess("--coffer.jobs.day-seconds=2", "--coffer.gc-interval=300ms");
        s3 = server.s3();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.close();
    }

    private static void rules(String bucket, LifecycleRule... rules) {
        s3.putBucketLifecycleConfiguration(b -> b.bucket(bucket)
                .lifecycleConfiguration(BucketLifecycleConfiguration.builder().rules(rules).build()));
    }

    private static LifecycleRule.Builder rule(String id, String prefix) {
        return LifecycleRule.builder().id(id).status(ExpirationStatus.ENABLED)
                .filter(LifecycleRuleFilter.builder().prefix(prefix).build());
    }

    private static String versioned(String name) {
        String bucket = server.createBucket(name);
        s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        return bucket;
    }

    private static void put(String bucket, String key, String body) {
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(body));
    }

    /** Waits, at most 30 s (15 lifecycle "days"), for {@code done}. */
    private static void await(String what, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("not within 30 s: " + what);
            Thread.sleep(200);
        }
    }

    private static List<String> keys(String bucket) {
        return s3.listObjectsV2(b -> b.bucket(bucket)).contents().stream().map(o -> o.key()).toList();
    }

    @Test
    void aConfigurationIsStoredReadBackAndDeleted() {
        String bucket = server.createBucket("lc-config");
        assertThatThrownBy(() -> s3.getBucketLifecycleConfiguration(b -> b.bucket(bucket)))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchLifecycleConfiguration");
                });
        rules(bucket, rule("logs", "logs/").expiration(e -> e.days(30))
                .abortIncompleteMultipartUpload(a -> a.daysAfterInitiation(7)).build());
        List<LifecycleRule> read = s3.getBucketLifecycleConfiguration(b -> b.bucket(bucket)).rules();
        assertThat(read).hasSize(1);
        assertThat(read.get(0).id()).isEqualTo("logs");
        assertThat(read.get(0).filter().prefix()).isEqualTo("logs/");
        assertThat(read.get(0).expiration().days()).isEqualTo(30);
        assertThat(read.get(0).abortIncompleteMultipartUpload().daysAfterInitiation()).isEqualTo(7);
        s3.deleteBucketLifecycle(b -> b.bucket(bucket));
        assertThatThrownBy(() -> s3.getBucketLifecycleConfiguration(b -> b.bucket(bucket)))
                .isInstanceOf(S3Exception.class);
    }

    @Test
    void badRulesAnswerS3sErrors() {
        String bucket = server.createBucket("lc-errors");
        assertThatThrownBy(() -> rules(bucket, rule("zero", "").expiration(e -> e.days(0)).build()))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidArgument");
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("'Days' for Expiration action must be a positive integer");
                });
        assertThatThrownBy(() -> rules(bucket, rule("x".repeat(256), "").expiration(e -> e.days(1)).build()))
                .isInstanceOfSatisfying(S3Exception.class, e ->
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("ID length should not exceed allowed limit of 255"));
        assertThatThrownBy(() -> s3.getBucketLifecycleConfiguration(b -> b.bucket(bucket)))
                .as("nothing was stored").isInstanceOf(S3Exception.class);
    }

    @Test
    void aTransitionIsRefusedAsInvalidStorageClassOrMalformedXmlAndTheConfigurationStaysAsItWas() {
        String bucket = server.createBucket("lc-transition");
        rules(bucket, rule("keep", "logs/").expiration(e -> e.days(30)).build());
        assertThatThrownBy(() -> rules(bucket, rule("glacier", "").transitions(t -> t.days(30).storageClass("GLACIER")).build()))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidStorageClass");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The storage class you specified is not valid "
                            + "(Coffer keeps every object in STANDARD and has no GLACIER to transition to)");
                });
        assertThatThrownBy(() -> rules(bucket, rule("ia", "").expiration(e -> e.days(90))
                .noncurrentVersionTransitions(t -> t.noncurrentDays(30).storageClass("STANDARD_IA")).build()))
                .isInstanceOfSatisfying(S3Exception.class, e ->
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidStorageClass"));
        assertThatThrownBy(() -> rules(bucket, rule("unknown", "").transitions(t -> t.days(30).storageClass("FROZEN")).build()))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("MalformedXML");
                });
        assertThatThrownBy(() -> rules(bucket, rule("standard", "").transitions(t -> t.days(30).storageClass("STANDARD")).build()))
                .isInstanceOfSatisfying(S3Exception.class, e ->
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("MalformedXML"));
        List<LifecycleRule> read = s3.getBucketLifecycleConfiguration(b -> b.bucket(bucket)).rules();
        assertThat(read).as("the configuration is the one before the refusals").hasSize(1);
        assertThat(read.get(0).id()).isEqualTo("keep");
        assertThat(read.get(0).filter().prefix()).isEqualTo("logs/");
        assertThat(read.get(0).expiration().days()).isEqualTo(30);
        assertThat(read.get(0).transitions()).isEmpty();
    }

    @Test
    @Timeout(60)
    void expirationRemovesCurrentVersionsItNamesAndNothingElse() throws Exception {
        String bucket = server.createBucket("lc-expire");
        put(bucket, "tmp/a", "a");
        put(bucket, "far/b", "b");
        put(bucket, "keep/c", "c");
        rules(bucket, rule("tmp-one-day", "tmp/").expiration(e -> e.days(1)).build(),
                rule("far-off", "far/").expiration(e -> e.days(1000)).build());
        // tmp/a may be gone already (a day is 2 s): the headers are read on the far-off rule's objects.
        String header = s3.headObject(b -> b.bucket(bucket).key("far/b")).expiration();
        assertThat(header).matches("expiry-date=\"\\w{3}, \\d{2} \\w{3} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT\", rule-id=\"far-off\"");
        assertThat(s3.putObject(b -> b.bucket(bucket).key("far/d"), RequestBody.fromString("d")).expiration())
                .endsWith("rule-id=\"far-off\"");
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("far/d")).response().expiration()).endsWith("rule-id=\"far-off\"");
        assertThat(s3.headObject(b -> b.bucket(bucket).key("keep/c")).expiration()).isNull();
        await("tmp/ expired", () -> keys(bucket).equals(List.of("far/b", "far/d", "keep/c")));
    }

    @Test
    void copyObjectAndCompleteMultipartUploadNameTheRuleThatExpiresTheirObject() {
        String bucket = server.createBucket("lc-header");
        rules(bucket, rule("far-off", "far/").expiration(e -> e.days(1000)).build());
        put(bucket, "src", "s");
        assertThat(s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("src").destinationBucket(bucket)
                .destinationKey("far/copy")).expiration()).endsWith("rule-id=\"far-off\"");
        assertThat(s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("src").destinationBucket(bucket)
                .destinationKey("near/copy")).expiration()).isNull();
        for (String key : List.of("far/mpu", "near/mpu")) {
            String upload = s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
            String etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(upload).partNumber(1),
                    RequestBody.fromString("part")).eTag();
            String expiration = s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(upload)
                    .multipartUpload(m -> m.parts(p -> p.partNumber(1).eTag(etag)))).expiration();
            if (key.startsWith("far/")) {
                assertThat(expiration).matches("expiry-date=\"\\w{3}, \\d{2} \\w{3} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT\", "
                        + "rule-id=\"far-off\"");
            } else {
                assertThat(expiration).isNull();
            }
        }
    }

    @Test
    @Timeout(60)
    void inAVersionedBucketExpirationAddsADeleteMarkerAndKeepsTheVersion() throws Exception {
        String bucket = versioned("lc-marker");
        put(bucket, "k", "v1");
        rules(bucket, rule("expire", "").expiration(e -> e.days(1)).build());
        await("a delete marker", () -> keys(bucket).isEmpty());
        var versions = s3.listObjectVersions(b -> b.bucket(bucket));
        assertThat(versions.versions()).hasSize(1);
        assertThat(versions.deleteMarkers()).hasSize(1);
        assertThat(versions.deleteMarkers().get(0).isLatest()).isTrue();
    }

    @Test
    @Timeout(60)
    void noncurrentVersionsGoAfterTheirDaysKeepingTheNewerOnesAsked() throws Exception {
        String bucket = versioned("lc-noncurrent");
        for (String v : List.of("v1", "v2", "v3", "v4")) put(bucket, "k", v);
        rules(bucket, rule("old-versions", "").noncurrentVersionExpiration(n -> n.noncurrentDays(1).newerNoncurrentVersions(1))
                .build());
        await("two noncurrent versions removed", () -> s3.listObjectVersions(b -> b.bucket(bucket)).versions().size() == 2);
        Thread.sleep(3000); // two more "days": the kept one stays
        List<ObjectVersion> left = s3.listObjectVersions(b -> b.bucket(bucket)).versions();
        assertThat(left).hasSize(2);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String()).isEqualTo("v4");
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("k").versionId(left.get(1).versionId())).asUtf8String())
                .isEqualTo("v3");
    }

    @Test
    @Timeout(60)
    void anExpiredDeleteMarkerIsRemovedAndOneWithVersionsBehindItIsNot() throws Exception {
        String bucket = versioned("lc-eodm");
        put(bucket, "alone", "x");
        String only = s3.listObjectVersions(b -> b.bucket(bucket).prefix("alone")).versions().get(0).versionId();
        s3.deleteObject(b -> b.bucket(bucket).key("alone"));
        s3.deleteObject(b -> b.bucket(bucket).key("alone").versionId(only));
        put(bucket, "behind", "y");
        s3.deleteObject(b -> b.bucket(bucket).key("behind"));
        rules(bucket, rule("markers", "").expiration(e -> e.expiredObjectDeleteMarker(true)).build());
        await("the lone delete marker removed", () -> s3.listObjectVersions(b -> b.bucket(bucket)).deleteMarkers().size() == 1);
        var versions = s3.listObjectVersions(b -> b.bucket(bucket));
        assertThat(versions.deleteMarkers().get(0).key()).isEqualTo("behind");
        assertThat(versions.versions()).extracting(ObjectVersion::key).containsExactly("behind");
    }

    @Test
    @Timeout(60)
    void staleMultipartUploadsAreAborted() throws Exception {
        String bucket = server.createBucket("lc-uploads");
        s3.createMultipartUpload(b -> b.bucket(bucket).key("uploads/stale"));
        s3.createMultipartUpload(b -> b.bucket(bucket).key("other/kept"));
        rules(bucket, rule("abort", "uploads/").abortIncompleteMultipartUpload(a -> a.daysAfterInitiation(1)).build());
        await("the stale upload aborted", () -> s3.listMultipartUploads(b -> b.bucket(bucket)).uploads().size() == 1);
        assertThat(s3.listMultipartUploads(b -> b.bucket(bucket)).uploads().get(0).key()).isEqualTo("other/kept");
    }

    @Test
    @Timeout(120)
    void theAwsCliSetsAndReadsARuleThatThenActs(@TempDir Path dir) throws Exception {
        AwsCli.require();
        String bucket = server.createBucket("lc-cli");
        put(bucket, "cli/a", "a");
        Path rules = dir.resolve("rules.json");
        Files.writeString(rules, "{\"Rules\":[{\"ID\":\"cli-rule\",\"Status\":\"Enabled\",\"Filter\":{\"Prefix\":\"cli/\"},"
                + "\"Expiration\":{\"Days\":1}}]}");
        AwsCli aws = new AwsCli(server, dir);
        aws.run("s3api", "put-bucket-lifecycle-configuration", "--bucket", bucket,
                "--lifecycle-configuration", "file://" + rules);
        assertThat(aws.run("s3api", "get-bucket-lifecycle-configuration", "--bucket", bucket)).contains("\"cli-rule\"");
        await("cli/a expired", () -> keys(bucket).isEmpty());
        aws.run("s3api", "delete-bucket-lifecycle", "--bucket", bucket);
    }
}

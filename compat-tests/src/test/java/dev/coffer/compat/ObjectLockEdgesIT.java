package dev.coffer.compat;

import static dev.coffer.compat.support.Awaits.await;
import static dev.coffer.compat.support.S3Assertions.assertS3Error;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.TestData;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketLifecycleConfiguration;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.LifecycleRuleFilter;
import software.amazon.awssdk.services.s3.model.ObjectLockEnabled;
import software.amazon.awssdk.services.s3.model.ObjectLockLegalHoldStatus;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.ObjectLockRetentionMode;

/**
 * Object Lock where it meets the other ways in, through the AWS SDK v2 at its defaults and a
 * browser-style POST form, on a server whose lifecycle "day" is 2 seconds: a form's lock fields
 * lock what it uploads; a lock configuration or retention whose Content-MD5 is wrong is BadDigest
 * (malformed: InvalidDigest) and changes nothing; lifecycle removes a noncurrent version nothing
 * locks and skips the one a retention holds.
 */
class ObjectLockEdgesIT {
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

    private static String lockedBucket(String hint) {
        String bucket = server.uniqueBucketName(hint);
        s3.createBucket(b -> b.bucket(bucket).objectLockEnabledForBucket(true));
        return bucket;
    }

    private static String md5Of(String text) throws Exception {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aPostFormsLockFieldsLockWhatItUploads() {
        String bucket = lockedBucket("lock-post");
        String until = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
        PostObjectIT.Form form = PostObjectIT.Form.v4(server, bucket, "posted", List.of("{\"key\": \"posted\"}",
                "{\"x-amz-object-lock-mode\": \"GOVERNANCE\"}", "{\"x-amz-object-lock-retain-until-date\": \"" + until + "\"}",
                "{\"x-amz-object-lock-legal-hold\": \"ON\"}"))
                .with("x-amz-object-lock-mode", "GOVERNANCE").with("x-amz-object-lock-retain-until-date", until)
                .with("x-amz-object-lock-legal-hold", "ON");
        HttpResponse<byte[]> posted = form.post("posted.txt", TestData.utf8("posted"));
        assertThat(posted.statusCode()).as(new String(posted.body(), StandardCharsets.UTF_8)).isEqualTo(204);
        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key("posted"));
        assertThat(head.objectLockMode()).isEqualTo(ObjectLockMode.GOVERNANCE);
        assertThat(head.objectLockRetainUntilDate()).isEqualTo(Instant.parse(until));
        assertThat(head.objectLockLegalHoldStatus()).isEqualTo(ObjectLockLegalHoldStatus.ON);
        assertS3Error(403, "AccessDenied", () -> s3.deleteObject(b -> b.bucket(bucket).key("posted")
                .versionId(head.versionId()).bypassGovernanceRetention(true)));

        HttpResponse<byte[]> unknown = PostObjectIT.Form.v4(server, bucket, "bad", List.of("{\"key\": \"bad\"}",
                "{\"x-amz-object-lock-mode\": \"FOREVER\"}", "{\"x-amz-object-lock-retain-until-date\": \"" + until + "\"}"))
                .with("x-amz-object-lock-mode", "FOREVER").with("x-amz-object-lock-retain-until-date", until)
                .post("bad.txt", TestData.utf8("bad"));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(new String(unknown.body(), StandardCharsets.UTF_8)).contains("<Code>InvalidArgument</Code>");
        assertS3Error(404, null, () -> s3.headObject(b -> b.bucket(bucket).key("bad")));
    }

    @Test
    void aWrongContentMd5IsBadDigestAMalformedOneInvalidDigestAndNeitherChangesAnything() throws Exception {
        String bucket = lockedBucket("lock-md5");
        String wrong = md5Of("some other body");
        assertS3Error(400, "BadDigest", () -> s3.putObjectLockConfiguration(b -> b.bucket(bucket).contentMD5(wrong)
                .objectLockConfiguration(c -> c.objectLockEnabled(ObjectLockEnabled.ENABLED)
                        .rule(r -> r.defaultRetention(d -> d.mode(ObjectLockRetentionMode.COMPLIANCE).days(1))))));
        assertS3Error(400, "InvalidDigest", () -> s3.putObjectLockConfiguration(b -> b.bucket(bucket).contentMD5("not-an-md5")
                .objectLockConfiguration(c -> c.objectLockEnabled(ObjectLockEnabled.ENABLED)
                        .rule(r -> r.defaultRetention(d -> d.mode(ObjectLockRetentionMode.COMPLIANCE).days(1))))));
        assertThat(s3.getObjectLockConfiguration(b -> b.bucket(bucket)).objectLockConfiguration().rule()).isNull();

        String v = s3.putObject(b -> b.bucket(bucket).key("doc"), RequestBody.fromString("doc")).versionId();
        assertS3Error(400, "BadDigest", () -> s3.putObjectRetention(b -> b.bucket(bucket).key("doc").versionId(v)
                .contentMD5(wrong).retention(r -> r.mode(ObjectLockRetentionMode.COMPLIANCE)
                        .retainUntilDate(Instant.now().plus(1, ChronoUnit.DAYS)))));
        assertS3Error(400, "InvalidDigest", () -> s3.putObjectRetention(b -> b.bucket(bucket).key("doc").versionId(v)
                .contentMD5("not-an-md5").retention(r -> r.mode(ObjectLockRetentionMode.COMPLIANCE)
                        .retainUntilDate(Instant.now().plus(1, ChronoUnit.DAYS)))));
        assertThat(s3.headObject(b -> b.bucket(bucket).key("doc").versionId(v)).objectLockMode()).isNull();
        s3.deleteObject(b -> b.bucket(bucket).key("doc").versionId(v)); // nothing locked it
    }

    @Test
    @Timeout(120)
    void lifecycleRemovesTheNoncurrentVersionsNothingLocksAndSkipsALockedOne() throws Exception {
        String bucket = lockedBucket("lock-lc");
        String locked = s3.putObject(b -> b.bucket(bucket).key("b-locked").objectLockMode(ObjectLockMode.GOVERNANCE)
                .objectLockRetainUntilDate(Instant.now().plus(1, ChronoUnit.HOURS)), RequestBody.fromString("v1")).versionId();
        for (String key : List.of("a-free", "b-locked", "c-free")) {
            if (!key.equals("b-locked")) s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString("v1"));
            s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString("v2"));
        }
        s3.putBucketLifecycleConfiguration(b -> b.bucket(bucket).lifecycleConfiguration(BucketLifecycleConfiguration.builder()
                .rules(LifecycleRule.builder().id("old").status(ExpirationStatus.ENABLED)
                        .filter(LifecycleRuleFilter.builder().prefix("").build())
                        .noncurrentVersionExpiration(n -> n.noncurrentDays(1)).build()).build()));
        // Keys are judged in order: once c-free's old version is gone, the pass has been past b-locked.
        await(() -> s3.listObjectVersions(b -> b.bucket(bucket)).versions().stream().map(v -> v.key()).toList(),
                keys -> keys.equals(List.of("a-free", "b-locked", "b-locked", "c-free")), "the unlocked old versions gone");
        assertThat(s3.headObject(b -> b.bucket(bucket).key("b-locked").versionId(locked)).versionId()).isEqualTo(locked);
    }
}

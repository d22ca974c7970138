package dev.coffer.compat;

import static dev.coffer.compat.support.S3Assertions.assertS3Error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.DeletedObject;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.ObjectLockEnabled;
import software.amazon.awssdk.services.s3.model.ObjectLockLegalHoldStatus;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.ObjectLockRetentionMode;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Object Lock through the AWS SDK for Java v2 at its defaults: each retention mode and what it
 * refuses, the governance bypass with and without its header, legal holds, DeleteObjects' per-key
 * refusals, the bucket's default retention, and versioning that cannot be suspended.
 */
@ExtendWith(CofferServerExtension.class)
class ObjectLockIT {
    private static final String LOCKED = "Access Denied because object protected by object lock.";

    private static CofferServer server;
    private static S3Client s3;

    @BeforeAll
    static void start(CofferServer cofferServer) {
        server = cofferServer;
        s3 = server.s3();
    }

    static String lockedBucket(CofferServer server, String hint) {
        String bucket = server.uniqueBucketName(hint);
        server.s3().createBucket(b -> b.bucket(bucket).objectLockEnabledForBucket(true));
        return bucket;
    }

    private static String put(String bucket, String key, ObjectLockMode mode, Instant until) {
        return s3.putObject(b -> b.bucket(bucket).key(key).objectLockMode(mode).objectLockRetainUntilDate(until),
                RequestBody.fromString("kept")).versionId();
    }

    private static Instant inAnHour() {
        return Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
    }

    @Test
    void aBucketCreatedWithObjectLockIsVersionedAndItsVersioningCannotBeSuspended() {
        String bucket = lockedBucket(server, "lock-new");
        assertThat(s3.getBucketVersioning(b -> b.bucket(bucket)).status()).isEqualTo(BucketVersioningStatus.ENABLED);
        var config = s3.getObjectLockConfiguration(b -> b.bucket(bucket)).objectLockConfiguration();
        assertThat(config.objectLockEnabled()).isEqualTo(ObjectLockEnabled.ENABLED);
        assertThat(config.rule()).isNull();
        S3Exception e = assertS3Error(409, "InvalidBucketState", () -> s3.putBucketVersioning(b -> b.bucket(bucket)
                .versioningConfiguration(v -> v.status(BucketVersioningStatus.SUSPENDED))));
        assertThat(e.awsErrorDetails().errorMessage()).contains("Object Lock configuration is present");
        assertThat(s3.getBucketVersioning(b -> b.bucket(bucket)).status()).isEqualTo(BucketVersioningStatus.ENABLED);
    }

    @Test
    void objectLockIsEnabledOnAnExistingBucketOnceItIsVersioned() {
        String bucket = server.createBucket("lock-later");
        assertS3Error(404, "ObjectLockConfigurationNotFoundError", () -> s3.getObjectLockConfiguration(b -> b.bucket(bucket)));
        assertS3Error(409, "InvalidBucketState", () -> s3.putObjectLockConfiguration(b -> b.bucket(bucket)
                .objectLockConfiguration(c -> c.objectLockEnabled(ObjectLockEnabled.ENABLED))));
        s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        s3.putObjectLockConfiguration(b -> b.bucket(bucket).objectLockConfiguration(c -> c
                .objectLockEnabled(ObjectLockEnabled.ENABLED)
                .rule(r -> r.defaultRetention(d -> d.mode(ObjectLockRetentionMode.COMPLIANCE).years(2)))));
        var rule = s3.getObjectLockConfiguration(b -> b.bucket(bucket)).objectLockConfiguration().rule();
        assertThat(rule.defaultRetention().mode()).isEqualTo(ObjectLockRetentionMode.COMPLIANCE);
        assertThat(rule.defaultRetention().years()).isEqualTo(2);
        assertThat(rule.defaultRetention().days()).isNull();
        assertS3Error(400, "MalformedXML", () -> s3.putObjectLockConfiguration(b -> b.bucket(bucket)
                .objectLockConfiguration(c -> c.objectLockEnabled(ObjectLockEnabled.ENABLED)
                        .rule(r -> r.defaultRetention(d -> d.mode(ObjectLockRetentionMode.GOVERNANCE).days(1).years(1))))));
        assertS3Error(400, "InvalidArgument", () -> s3.putObjectLockConfiguration(b -> b.bucket(bucket)
                .objectLockConfiguration(c -> c.objectLockEnabled(ObjectLockEnabled.ENABLED)
                        .rule(r -> r.defaultRetention(d -> d.mode(ObjectLockRetentionMode.GOVERNANCE).days(0))))));
    }

    @Test
    void anObjectLockTokenIsNotImplementedAndChangesNothing() {
        String bucket = server.createVersionedBucket("lock-token");
        assertS3Error(501, "NotImplemented", () -> s3.putObjectLockConfiguration(b -> b.bucket(bucket)
                .token("token-from-aws-support").objectLockConfiguration(c -> c.objectLockEnabled(ObjectLockEnabled.ENABLED))));
        assertS3Error(404, "ObjectLockConfigurationNotFoundError", () -> s3.getObjectLockConfiguration(b -> b.bucket(bucket)));
    }

    @Test
    void governanceRefusesDeletionAndShorteningWithoutTheBypassHeaderAndAllowsThemWithIt() {
        String bucket = lockedBucket(server, "lock-gov");
        Instant until = inAnHour();
        String v = put(bucket, "doc", ObjectLockMode.GOVERNANCE, until);
        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key("doc"));
        assertThat(head.objectLockMode()).isEqualTo(ObjectLockMode.GOVERNANCE);
        assertThat(head.objectLockRetainUntilDate()).isEqualTo(until);

        S3Exception e = assertS3Error(403, "AccessDenied", () -> s3.deleteObject(b -> b.bucket(bucket).key("doc").versionId(v)));
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(LOCKED);
        assertS3Error(403, "AccessDenied", () -> s3.putObjectRetention(b -> b.bucket(bucket).key("doc").versionId(v)
                .retention(r -> r.mode(ObjectLockRetentionMode.GOVERNANCE).retainUntilDate(until.minusSeconds(60)))));
        s3.putObjectRetention(b -> b.bucket(bucket).key("doc").versionId(v).bypassGovernanceRetention(true)
                .retention(r -> r.mode(ObjectLockRetentionMode.GOVERNANCE).retainUntilDate(until.minusSeconds(60))));
        assertThat(s3.getObjectRetention(b -> b.bucket(bucket).key("doc").versionId(v)).retention().retainUntilDate())
                .isEqualTo(until.minusSeconds(60));
        assertThat(s3.getObject(b -> b.bucket(bucket).key("doc").versionId(v)).response().objectLockMode())
                .isEqualTo(ObjectLockMode.GOVERNANCE);

        DeleteObjectResponse deleted = s3.deleteObject(b -> b.bucket(bucket).key("doc").versionId(v)
                .bypassGovernanceRetention(true));
        assertThat(deleted.versionId()).isEqualTo(v);
        assertS3Error(404, "NoSuchKey", () -> s3.headObject(b -> b.bucket(bucket).key("doc")));
    }

    @Test
    void complianceRefusesDeletionShorteningAndRemovalEvenWithTheBypassButMayBeExtended() {
        String bucket = lockedBucket(server, "lock-comp");
        Instant until = inAnHour();
        String v = put(bucket, "doc", ObjectLockMode.COMPLIANCE, until);
        assertS3Error(403, "AccessDenied", () -> s3.deleteObject(b -> b.bucket(bucket).key("doc").versionId(v)
                .bypassGovernanceRetention(true)));
        assertS3Error(403, "AccessDenied", () -> s3.putObjectRetention(b -> b.bucket(bucket).key("doc").versionId(v)
                .bypassGovernanceRetention(true)
                .retention(r -> r.mode(ObjectLockRetentionMode.COMPLIANCE).retainUntilDate(until.minusSeconds(1)))));
        assertS3Error(403, "AccessDenied", () -> s3.putObjectRetention(b -> b.bucket(bucket).key("doc").versionId(v)
                .bypassGovernanceRetention(true)
                .retention(r -> r.mode(ObjectLockRetentionMode.GOVERNANCE).retainUntilDate(until.plusSeconds(60)))));
        s3.putObjectRetention(b -> b.bucket(bucket).key("doc").versionId(v)
                .retention(r -> r.mode(ObjectLockRetentionMode.COMPLIANCE).retainUntilDate(until.plusSeconds(3600))));
        var retention = s3.getObjectRetention(b -> b.bucket(bucket).key("doc").versionId(v)).retention();
        assertThat(retention.mode()).isEqualTo(ObjectLockRetentionMode.COMPLIANCE);
        assertThat(retention.retainUntilDate()).isEqualTo(until.plusSeconds(3600));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("doc")).asUtf8String()).isEqualTo("kept");
    }

    @Test
    void aRetentionEndsAtItsDate() throws InterruptedException {
        String bucket = lockedBucket(server, "lock-ends");
        Instant until = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.MILLIS);
        String v = put(bucket, "doc", ObjectLockMode.COMPLIANCE, until);
        assertS3Error(403, "AccessDenied", () -> s3.deleteObject(b -> b.bucket(bucket).key("doc").versionId(v)));
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), until).toMillis()) + 200);
        s3.deleteObject(b -> b.bucket(bucket).key("doc").versionId(v));
        assertThat(s3.listObjectVersions(b -> b.bucket(bucket)).versions()).isEmpty();
    }

    @Test
    void aLegalHoldRefusesDeletionWhateverTheBypassUntilItIsReleased() {
        String bucket = lockedBucket(server, "lock-hold");
        String v = s3.putObject(b -> b.bucket(bucket).key("doc").objectLockLegalHoldStatus(ObjectLockLegalHoldStatus.ON),
                RequestBody.fromString("kept")).versionId();
        assertThat(s3.headObject(b -> b.bucket(bucket).key("doc")).objectLockLegalHoldStatus())
                .isEqualTo(ObjectLockLegalHoldStatus.ON);
        assertS3Error(403, "AccessDenied", () -> s3.deleteObject(b -> b.bucket(bucket).key("doc").versionId(v)
                .bypassGovernanceRetention(true)));
        s3.putObjectLegalHold(b -> b.bucket(bucket).key("doc").versionId(v).legalHold(h -> h.status(ObjectLockLegalHoldStatus.OFF)));
        assertThat(s3.getObjectLegalHold(b -> b.bucket(bucket).key("doc").versionId(v)).legalHold().status())
                .isEqualTo(ObjectLockLegalHoldStatus.OFF);
        s3.putObjectLegalHold(b -> b.bucket(bucket).key("doc").legalHold(h -> h.status(ObjectLockLegalHoldStatus.ON)));
        assertS3Error(403, "AccessDenied", () -> s3.deleteObject(b -> b.bucket(bucket).key("doc").versionId(v)));
        s3.putObjectLegalHold(b -> b.bucket(bucket).key("doc").legalHold(h -> h.status(ObjectLockLegalHoldStatus.OFF)));
        s3.deleteObject(b -> b.bucket(bucket).key("doc").versionId(v));
        assertThat(s3.listObjectVersions(b -> b.bucket(bucket)).versions()).isEmpty();
    }

    @Test
    void aDeleteWithoutVersionIdAddsAMarkerAndTheLockedVersionStays() {
        String bucket = lockedBucket(server, "lock-marker");
        String v = put(bucket, "doc", ObjectLockMode.COMPLIANCE, inAnHour());
        DeleteObjectResponse marker = s3.deleteObject(b -> b.bucket(bucket).key("doc"));
        assertThat(marker.deleteMarker()).isTrue();
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("doc").versionId(v)).asUtf8String()).isEqualTo("kept");
        s3.deleteObject(b -> b.bucket(bucket).key("doc").versionId(marker.versionId()));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("doc")).asUtf8String()).isEqualTo("kept");
    }

    @Test
    void deleteObjectsReportsEachLockedVersionAsAccessDenied() {
        String bucket = lockedBucket(server, "lock-batch");
        String gov = put(bucket, "gov", ObjectLockMode.GOVERNANCE, inAnHour());
        String comp = put(bucket, "comp", ObjectLockMode.COMPLIANCE, inAnHour());
        String free = s3.putObject(b -> b.bucket(bucket).key("free"), RequestBody.fromString("x")).versionId();
        List<ObjectIdentifier> ids = List.of(
                ObjectIdentifier.builder().key("gov").versionId(gov).build(),
                ObjectIdentifier.builder().key("comp").versionId(comp).build(),
                ObjectIdentifier.builder().key("free").versionId(free).build());
        DeleteObjectsResponse response = s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(ids)));
        assertThat(response.deleted()).extracting(DeletedObject::key).containsExactly("free");
        assertThat(response.errors()).extracting(S3Error::key).containsExactlyInAnyOrder("gov", "comp");
        assertThat(response.errors()).allSatisfy(e -> {
            assertThat(e.code()).isEqualTo("AccessDenied");
            assertThat(e.message()).isEqualTo(LOCKED);
        });
        DeleteObjectsResponse bypassed = s3.deleteObjects(b -> b.bucket(bucket).bypassGovernanceRetention(true)
                .delete(d -> d.objects(ids.subList(0, 2))));
        assertThat(bypassed.deleted()).extracting(DeletedObject::key).containsExactly("gov");
        assertThat(bypassed.errors()).extracting(S3Error::key).containsExactly("comp");
    }

    @Test
    void theBucketsDefaultRetentionDatesNewVersionsUnlessTheyNameTheirOwn() {
        String bucket = lockedBucket(server, "lock-default");
        s3.putObjectLockConfiguration(b -> b.bucket(bucket).objectLockConfiguration(c -> c
                .objectLockEnabled(ObjectLockEnabled.ENABLED)
                .rule(r -> r.defaultRetention(d -> d.mode(ObjectLockRetentionMode.GOVERNANCE).days(1)))));
        Instant before = Instant.now();
        String v = s3.putObject(b -> b.bucket(bucket).key("plain"), RequestBody.fromString("x")).versionId();
        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key("plain"));
        assertThat(head.objectLockMode()).isEqualTo(ObjectLockMode.GOVERNANCE);
        assertThat(head.objectLockRetainUntilDate()).isCloseTo(before.plus(1, ChronoUnit.DAYS), within(60, ChronoUnit.SECONDS));
        assertS3Error(403, "AccessDenied", () -> s3.deleteObject(b -> b.bucket(bucket).key("plain").versionId(v)));

        Instant until = inAnHour();
        s3.putObject(b -> b.bucket(bucket).key("own").objectLockMode(ObjectLockMode.COMPLIANCE)
                .objectLockRetainUntilDate(until), RequestBody.fromString("y"));
        assertThat(s3.headObject(b -> b.bucket(bucket).key("own")).objectLockMode()).isEqualTo(ObjectLockMode.COMPLIANCE);

        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("own").destinationBucket(bucket).destinationKey("copy"));
        assertThat(s3.headObject(b -> b.bucket(bucket).key("copy")).objectLockMode()).isEqualTo(ObjectLockMode.GOVERNANCE);
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("own").destinationBucket(bucket).destinationKey("copy2")
                .objectLockMode(ObjectLockMode.COMPLIANCE).objectLockRetainUntilDate(until));
        assertThat(s3.headObject(b -> b.bucket(bucket).key("copy2")).objectLockMode()).isEqualTo(ObjectLockMode.COMPLIANCE);
    }

    @Test
    void aMultipartUploadKeepsItsLockHeadersUntilCompletion() {
        String bucket = lockedBucket(server, "lock-mpu");
        Instant until = inAnHour();
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key("big").objectLockMode(ObjectLockMode.COMPLIANCE)
                .objectLockRetainUntilDate(until).objectLockLegalHoldStatus(ObjectLockLegalHoldStatus.ON)).uploadId();
        String etag = s3.uploadPart(b -> b.bucket(bucket).key("big").uploadId(uploadId).partNumber(1),
                RequestBody.fromString("part")).eTag();
        String v = s3.completeMultipartUpload(b -> b.bucket(bucket).key("big").uploadId(uploadId)
                .multipartUpload(m -> m.parts(p -> p.partNumber(1).eTag(etag)))).versionId();
        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key("big"));
        assertThat(head.objectLockMode()).isEqualTo(ObjectLockMode.COMPLIANCE);
        assertThat(head.objectLockRetainUntilDate()).isEqualTo(until);
        assertThat(head.objectLockLegalHoldStatus()).isEqualTo(ObjectLockLegalHoldStatus.ON);
        assertS3Error(403, "AccessDenied", () -> s3.deleteObject(b -> b.bucket(bucket).key("big").versionId(v)));
    }

    @Test
    void lockParametersAreRefusedWhereTheyCannotHold() {
        String plain = server.createVersionedBucket("lock-none");
        S3Exception e = assertS3Error(400, "InvalidRequest", () -> s3.putObject(b -> b.bucket(plain).key("k")
                .objectLockMode(ObjectLockMode.GOVERNANCE).objectLockRetainUntilDate(inAnHour()), RequestBody.fromString("x")));
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Bucket is missing Object Lock Configuration");
        s3.putObject(b -> b.bucket(plain).key("k"), RequestBody.fromString("x"));
        assertS3Error(400, "InvalidRequest", () -> s3.putObjectLegalHold(b -> b.bucket(plain).key("k")
                .legalHold(h -> h.status(ObjectLockLegalHoldStatus.ON))));
        assertS3Error(400, "InvalidRequest", () -> s3.getObjectRetention(b -> b.bucket(plain).key("k")));

        String bucket = lockedBucket(server, "lock-bad");
        assertS3Error(400, "InvalidArgument", () -> s3.putObject(b -> b.bucket(bucket).key("k")
                .objectLockMode(ObjectLockMode.GOVERNANCE).objectLockRetainUntilDate(Instant.now().minusSeconds(60)),
                RequestBody.fromString("x")));
        assertS3Error(400, "InvalidArgument", () -> s3.putObject(b -> b.bucket(bucket).key("k")
                .objectLockMode(ObjectLockMode.GOVERNANCE), RequestBody.fromString("x")));
        s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("x"));
        assertS3Error(404, "NoSuchObjectLockConfiguration", () -> s3.getObjectRetention(b -> b.bucket(bucket).key("k")));
        assertS3Error(404, "NoSuchObjectLockConfiguration", () -> s3.getObjectLegalHold(b -> b.bucket(bucket).key("k")));
        // Without a checksum (the SDK sends one by default), S3 refuses lock parameters.
        S3Exception noChecksum = assertS3Error(400, "InvalidRequest", () -> server.s3WhenRequiredChecksums().putObject(b -> b
                .bucket(bucket).key("k").objectLockLegalHoldStatus(ObjectLockLegalHoldStatus.ON), RequestBody.fromString("x")));
        assertThat(noChecksum.awsErrorDetails().errorMessage()).isEqualTo(
                "Content-MD5 OR x-amz-checksum- HTTP header is required for Put Object requests with Object Lock parameters");
    }
}

package dev.coffer.compat;

import static dev.coffer.compat.support.S3Assertions.assertS3Error;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import dev.coffer.compat.support.RawS3;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.S3Exception;
import tools.jackson.databind.JsonNode;

/**
 * S3's bucket owner condition, through the AWS SDK's {@code expectedBucketOwner} and
 * {@code expectedSourceBucketOwner}: a bucket of another account than the one named is
 * {@code 403 AccessDenied} and nothing is done; a value that is no account id is
 * {@code 400 InvalidBucketOwnerAWSAccountID}; the right account goes through.
 */
@ExtendWith(CofferServerExtension.class)
class ExpectedBucketOwnerIT {
    private static CofferServer server;
    private static JsonNode a;
    private static JsonNode b;
    private static String ownerId;
    private static String otherId;
    private static S3Client owner;
    private static String bucket;

    @BeforeAll
    static void start(CofferServer cofferServer) throws Exception {
        server = cofferServer;
        AclITAccounts accounts = new AclITAccounts(server);
        a = accounts.create("owner-condition-a");
        ownerId = a.get("accountId").asText();
        b = accounts.create("owner-condition-b");
        otherId = b.get("accountId").asText();
        owner = accounts.client(a);
        bucket = server.uniqueBucketName("owner-condition");
        owner.createBucket(b -> b.bucket(bucket));
        owner.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("a's"));
        owner.putObject(b -> b.bucket(bucket).key("public/page"), RequestBody.fromString("for all"));
        owner.putBucketPolicy(p -> p.bucket(bucket).policy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
                + "\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::" + bucket
                + "/public/*\"}]}"));
    }

    @Test
    void aCallerRefusedAccessGetsTheSameAnswerWhicheverOwnerItNames() {
        // b's key has no right on a's bucket: naming a's account or another one, the refusal reads the same,
        // so the header tells no one without access whose a bucket is.
        S3Client stranger = server.newClient(b.get("accessKeyId").asText(), b.get("secretAccessKey").asText());
        for (String key : new String[] {"k", "absent"}) {
            String right = refusal(assertS3Error(403, "AccessDenied", () -> stranger.getObject(r -> r.bucket(bucket)
                    .key(key).expectedBucketOwner(ownerId))));
            assertThat(refusal(assertS3Error(403, "AccessDenied", () -> stranger.getObject(r -> r.bucket(bucket)
                    .key(key).expectedBucketOwner(otherId))))).isEqualTo(right);
            assertThat(refusal(assertS3Error(403, "AccessDenied", () -> stranger.getObject(r -> r.bucket(bucket)
                    .key(key).expectedBucketOwner("not-an-account"))))).isEqualTo(right);
        }
        // So does an anonymous caller, which the bucket's policy lets read public/ only.
        String right = anonymousGet("/" + bucket + "/k", ownerId);
        assertThat(right).contains("<Code>AccessDenied</Code>");
        assertThat(anonymousGet("/" + bucket + "/k", otherId)).isEqualTo(right);
        // A signature that does not check out is told before the condition is looked at.
        HttpResponse<byte[]> forged = server.raw(a.get("accessKeyId").asText(), "not-" + a.get("secretAccessKey")
                .asText()).signed("GET", "/" + bucket + "/k", Map.of(HEADER, otherId), new byte[0]);
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(new String(forged.body(), StandardCharsets.UTF_8)).contains("<Code>SignatureDoesNotMatch</Code>");
    }

    @Test
    void anAnonymousCallerLetInByThePolicyIsHeldToTheConditionToo() {
        // The User Guide makes no exception for unsigned requests: S3 checks the owner before it processes one.
        assertThat(anonymousGet("/" + bucket + "/public/page", ownerId)).isEqualTo("for all");
        assertThat(anonymousGet("/" + bucket + "/public/page", otherId)).contains("<Code>AccessDenied</Code>");
    }

    private static final String HEADER = "x-amz-expected-bucket-owner";

    /** An error's body without its request id, which differs from one answer to the next. */
    private static String refusal(S3Exception e) {
        return e.awsErrorDetails().rawResponse().asUtf8String().replaceAll("<RequestId>[^<]*</RequestId>", "");
    }

    private static String anonymousGet(String path, String expectedOwner) {
        HttpResponse<byte[]> response = server.raw().send(java.net.http.HttpRequest.newBuilder(server.raw().uri(path))
                .header(HEADER, expectedOwner).GET().build());
        return new String(response.body(), StandardCharsets.UTF_8).replaceAll("<RequestId>[^<]*</RequestId>", "");
    }

    @Test
    void objectOperationsGoThroughOnlyForTheOwningAccount() {
        owner.putObject(b -> b.bucket(bucket).key("put").expectedBucketOwner(ownerId), RequestBody.fromString("1"));
        assertThat(owner.getObjectAsBytes(b -> b.bucket(bucket).key("put").expectedBucketOwner(ownerId))
                .asUtf8String()).isEqualTo("1");
        assertThat(owner.headObject(b -> b.bucket(bucket).key("put").expectedBucketOwner(ownerId)).contentLength())
                .isEqualTo(1);

        assertS3Error(403, "AccessDenied", () -> owner.putObject(b -> b.bucket(bucket).key("put")
                .expectedBucketOwner(otherId), RequestBody.fromString("2")));
        assertS3Error(403, "AccessDenied", () -> owner.getObject(b -> b.bucket(bucket).key("put")
                .expectedBucketOwner(otherId)));
        assertS3Error(403, null, () -> owner.headObject(b -> b.bucket(bucket).key("put").expectedBucketOwner(otherId)));
        assertS3Error(403, "AccessDenied", () -> owner.deleteObject(b -> b.bucket(bucket).key("put")
                .expectedBucketOwner(otherId)));
        // A key that does not exist is AccessDenied too, not NoSuchKey: the condition comes first.
        assertS3Error(403, "AccessDenied", () -> owner.getObject(b -> b.bucket(bucket).key("absent")
                .expectedBucketOwner(otherId)));
        assertThat(owner.getObjectAsBytes(b -> b.bucket(bucket).key("put")).asUtf8String())
                .as("neither overwritten nor deleted").isEqualTo("1");

        owner.deleteObject(b -> b.bucket(bucket).key("put").expectedBucketOwner(ownerId));
        assertS3Error(404, "NoSuchKey", () -> owner.getObject(b -> b.bucket(bucket).key("put")));
    }

    @Test
    void aBucketConfigurationIsNeitherReadNorChangedForAnotherAccount() {
        assertS3Error(403, "AccessDenied", () -> owner.putBucketVersioning(b -> b.bucket(bucket)
                .expectedBucketOwner(otherId).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED))));
        assertS3Error(403, "AccessDenied", () -> owner.getBucketVersioning(b -> b.bucket(bucket)
                .expectedBucketOwner(otherId)));
        assertThat(owner.getBucketVersioning(b -> b.bucket(bucket).expectedBucketOwner(ownerId)).status())
                .as("versioning left as it was").isNull();
        assertS3Error(403, "AccessDenied", () -> owner.listObjectsV2(b -> b.bucket(bucket).expectedBucketOwner(otherId)));
        assertThat(owner.listObjectsV2(b -> b.bucket(bucket).expectedBucketOwner(ownerId)).keyCount()).isPositive();
        // The server's root is held to it as well: the condition is about the bucket, not the caller.
        assertS3Error(403, null, () -> server.s3().headBucket(b -> b.bucket(bucket).expectedBucketOwner(otherId)));
        server.s3().headBucket(b -> b.bucket(bucket).expectedBucketOwner(ownerId));
        // S3 ignores the condition on CreateBucket and ListBuckets (the SDK has no field for it there).
        RawS3 raw = server.raw(a.get("accessKeyId").asText(), a.get("secretAccessKey").asText());
        Map<String, String> other = Map.of("x-amz-expected-bucket-owner", otherId);
        assertThat(raw.signed("PUT", "/" + bucket, other, new byte[0]).statusCode()).isEqualTo(200);
        HttpResponse<byte[]> listed = raw.signed("GET", "/", other, new byte[0]);
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(new String(listed.body(), StandardCharsets.UTF_8)).contains("<Name>" + bucket + "</Name>");
        // A bucket that does not exist is NoSuchBucket, as without the header.
        assertS3Error(404, "NoSuchBucket", () -> server.s3().getBucketVersioning(b -> b.bucket(bucket + "-absent")
                .expectedBucketOwner(otherId)));
    }

    @Test
    void aCopysSourceMustBelongToTheAccountNamedForIt() {
        String target = server.createBucket("owner-condition-target");
        assertS3Error(403, "AccessDenied", () -> server.s3().copyObject(b -> b.sourceBucket(bucket).sourceKey("k")
                .destinationBucket(target).destinationKey("copied").expectedSourceBucketOwner(otherId)));
        assertS3Error(404, "NoSuchKey", () -> server.s3().headObject(b -> b.bucket(target).key("copied")));
        server.s3().copyObject(b -> b.sourceBucket(bucket).sourceKey("k").destinationBucket(target)
                .destinationKey("copied").expectedSourceBucketOwner(ownerId));
        assertThat(server.s3().getObjectAsBytes(b -> b.bucket(target).key("copied")).asUtf8String()).isEqualTo("a's");
        // The destination's condition names the destination's owner (here the server root's account, not a's).
        assertS3Error(403, "AccessDenied", () -> server.s3().copyObject(b -> b.sourceBucket(bucket).sourceKey("k")
                .destinationBucket(target).destinationKey("copied-2").expectedBucketOwner(ownerId)));

        String upload = server.s3().createMultipartUpload(b -> b.bucket(target).key("part-copied")).uploadId();
        assertS3Error(403, "AccessDenied", () -> server.s3().uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey("k")
                .destinationBucket(target).destinationKey("part-copied").uploadId(upload).partNumber(1)
                .expectedSourceBucketOwner(otherId)));
        assertThat(server.s3().uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey("k").destinationBucket(target)
                .destinationKey("part-copied").uploadId(upload).partNumber(1).expectedSourceBucketOwner(ownerId))
                .copyPartResult().eTag()).isNotBlank();
        server.s3().abortMultipartUpload(b -> b.bucket(target).key("part-copied").uploadId(upload));
    }

    @Test
    void aValueThatIsNoAccountIdIsInvalidBucketOwnerAWSAccountID() {
        for (String value : new String[] {"abc", "12345678901", "1234567890123", "arn:aws:iam::" + ownerId + ":root"}) {
            S3Exception e = assertS3Error(400, "InvalidBucketOwnerAWSAccountID", () -> owner.getObject(b -> b
                    .bucket(bucket).key("k").expectedBucketOwner(value)));
            assertThat(e.awsErrorDetails().errorMessage())
                    .isEqualTo("The value of the expected bucket owner parameter must be an AWS Account ID... ["
                            + value + "]");
        }
        assertS3Error(400, "InvalidBucketOwnerAWSAccountID", () -> server.s3().copyObject(b -> b.sourceBucket(bucket)
                .sourceKey("k").destinationBucket(bucket).destinationKey("k2").expectedSourceBucketOwner("owner")));
    }
}

package dev.coffer.compat;

import static dev.coffer.compat.support.S3Assertions.assertS3Error;
import static dev.coffer.compat.support.S3Assertions.status;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.coffer.compat.support.AwsCli;
import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Error;

/**
 * Who may delete conditionally (S3 User Guide, "How to perform conditional deletes" and "Enforce
 * conditional deletes on Amazon S3 buckets"): an ETag condition needs s3:GetObject as well as
 * s3:DeleteObject, {@code *} does not; s3:if-match (and s3:if-none-match for conditional writes)
 * in a policy. And the aws CLI's {@code delete-object --if-match}.
 */
@ExtendWith(CofferServerExtension.class)
class ConditionalDeleteAccessIT {
    private static final String STALE = "\"00000000000000000000000000000000\"";

    private static CofferServer server;
    private static IamClient iam;
    private static String bucket;
    private static S3Client deleteOnly;
    private static S3Client conditionalOnly;

    @TempDir
    Path dir;

    @BeforeAll
    static void start(CofferServer cofferServer) {
        server = cofferServer;
        iam = server.newIamClient();
        bucket = server.createBucket("conddel-access");
        String objects = "\"arn:aws:s3:::" + bucket + "/*\"";
        String suffix = Long.toHexString(System.nanoTime());
        deleteOnly = client(user("deleter-" + suffix, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":\"s3:DeleteObject\",\"Resource\":" + objects + "}]}"));
        // The guide's example 1: deletes only with If-Match, and the read an ETag condition needs;
        // writes only with If-None-Match: * (the conditional-writes guide's enforcement).
        conditionalOnly = client(user("careful-" + suffix, "{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Effect\":\"Allow\",\"Action\":\"s3:DeleteObject\",\"Resource\":" + objects
                + ",\"Condition\":{\"Null\":{\"s3:if-match\":\"false\"}}},"
                + "{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":" + objects + "},"
                + "{\"Effect\":\"Allow\",\"Action\":\"s3:PutObject\",\"Resource\":" + objects
                + ",\"Condition\":{\"StringEquals\":{\"s3:if-none-match\":\"*\"}}}]}"));
    }

    @AfterAll
    static void stop() {
        deleteOnly.close();
        conditionalOnly.close();
        iam.close();
    }

    @Test
    void anEtagConditionNeedsGetObjectButStarDoesNot() {
        String etag = put("no-read");
        assertS3Error(403, "AccessDenied", () -> deleteOnly.deleteObject(b -> b.bucket(bucket).key("no-read").ifMatch(etag)));
        assertThat(read("no-read")).isEqualTo("body");
        assertThat(status(deleteOnly.deleteObject(b -> b.bucket(bucket).key("no-read").ifMatch("*")))).isEqualTo(204);
    }

    @Test
    void deleteObjectsAsksGetObjectForEachKeyWithAnEtag() {
        String etag = put("batch-no-read");
        put("batch-star");
        DeleteObjectsResponse response = deleteOnly.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(
                ObjectIdentifier.builder().key("batch-no-read").eTag(etag).build(),
                ObjectIdentifier.builder().key("batch-star").eTag("*").build())));
        assertThat(response.errors()).extracting(S3Error::key, S3Error::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("batch-no-read", "AccessDenied"));
        assertThat(read("batch-no-read")).isEqualTo("body");
    }

    @Test
    void aPolicyRequiringIfMatchRefusesAnUnconditionalDelete() {
        String etag = put("enforced");
        assertS3Error(403, "AccessDenied", () -> conditionalOnly.deleteObject(b -> b.bucket(bucket).key("enforced")));
        DeleteObjectsResponse batch = conditionalOnly.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(
                ObjectIdentifier.builder().key("enforced").build())));
        assertThat(batch.errors()).extracting(S3Error::code).containsExactly("AccessDenied");
        assertThat(status(conditionalOnly.deleteObject(b -> b.bucket(bucket).key("enforced").ifMatch(etag)))).isEqualTo(204);
    }

    @Test
    void aPolicyRequiringIfNoneMatchRefusesAnUnconditionalWrite() {
        assertS3Error(403, "AccessDenied", () -> conditionalOnly.putObject(b -> b.bucket(bucket).key("create-only"),
                RequestBody.fromString("x")));
        assertThat(status(conditionalOnly.putObject(b -> b.bucket(bucket).key("create-only").ifNoneMatch("*"),
                RequestBody.fromString("x")))).isEqualTo(200);
    }

    @Test
    void awsCliDeleteObjectIfMatchDeletesOnlyOnTheCurrentEtag() throws Exception {
        AwsCli.require();
        AwsCli aws = new AwsCli(server, dir);
        String etag = put("cli");
        String refused = aws.fail("s3api", "delete-object", "--bucket", bucket, "--key", "cli", "--if-match", STALE);
        assertThat(refused).contains("PreconditionFailed");
        assertThat(read("cli")).isEqualTo("body");
        aws.run("s3api", "delete-object", "--bucket", bucket, "--key", "cli", "--if-match", etag);
        assertThat(aws.fail("s3api", "delete-object", "--bucket", bucket, "--key", "cli", "--if-match", "*"))
                .contains("NoSuchKey");
    }

    private static String put(String key) {
        return server.s3().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString("body")).eTag();
    }

    private static String read(String key) {
        return server.s3().getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String();
    }

    private static AccessKey user(String name, String policy) {
        iam.createUser(b -> b.userName(name));
        iam.putUserPolicy(b -> b.userName(name).policyName("scope").policyDocument(policy));
        return iam.createAccessKey(b -> b.userName(name)).accessKey();
    }

    private static S3Client client(AccessKey key) {
        return server.newClient(key.accessKeyId(), key.secretAccessKey());
    }
}

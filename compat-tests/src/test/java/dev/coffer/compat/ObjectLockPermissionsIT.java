package dev.coffer.compat;

import static dev.coffer.compat.support.S3Assertions.assertS3Error;
import static dev.coffer.compat.support.S3Assertions.assertXmlError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import dev.coffer.compat.support.TestData;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectLockLegalHoldStatus;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;

/**
 * Object Lock as IAM users see it, through the AWS SDK for Java v2 at its defaults: GetObject and
 * HeadObject show the retention headers only to a requester with s3:GetObjectRetention and the
 * legal hold only to one with s3:GetObjectLegalHold (the SDK's objectLockMode/…LegalHoldStatus are
 * then null, as against S3); x-amz-bypass-governance-retention counts only with
 * s3:BypassGovernanceRetention; a POST form's lock fields need s3:PutObjectRetention and
 * s3:PutObjectLegalHold as PutObject's lock headers do.
 */
@ExtendWith(CofferServerExtension.class)
class ObjectLockPermissionsIT {
    private static CofferServer server;
    private static IamClient iam;
    private static String bucket;
    private static String version;

    @BeforeAll
    static void start(CofferServer cofferServer) {
        server = cofferServer;
        iam = server.newIamClient();
        bucket = server.uniqueBucketName("lock-perm");
        server.s3().createBucket(b -> b.bucket(bucket).objectLockEnabledForBucket(true));
        version = server.s3().putObject(b -> b.bucket(bucket).key("kept").objectLockMode(ObjectLockMode.GOVERNANCE)
                .objectLockRetainUntilDate(Instant.now().plus(1, ChronoUnit.HOURS))
                .objectLockLegalHoldStatus(ObjectLockLegalHoldStatus.ON), RequestBody.fromString("kept")).versionId();
    }

    @AfterAll
    static void stop() {
        iam.close();
    }

    private static S3Client user(String hint, String... actions) {
        AccessKey key = userKey(hint, actions);
        return server.newClient(key.accessKeyId(), key.secretAccessKey());
    }

    private static AccessKey userKey(String hint, String... actions) {
        String name = hint + "-" + Long.toHexString(System.nanoTime());
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\""
                + String.join("\",\"", actions) + "\"],\"Resource\":\"arn:aws:s3:::" + bucket + "/*\"}]}";
        iam.createUser(b -> b.userName(name));
        iam.putUserPolicy(b -> b.userName(name).policyName("scope").policyDocument(policy));
        return iam.createAccessKey(b -> b.userName(name)).accessKey();
    }

    /** A browser form signed by {@code key} that uploads {@code key} with the given lock fields. */
    private static HttpResponse<byte[]> post(AccessKey signer, String key, Map<String, String> lockFields) {
        List<String> conditions = new ArrayList<>(List.of("{\"key\": \"" + key + "\"}"));
        lockFields.forEach((name, value) -> conditions.add("{\"" + name + "\": \"" + value + "\"}"));
        PostObjectIT.Form form = PostObjectIT.Form.v4(server, bucket, key, conditions);
        form.fields.replaceAll((name, value) -> value.replace(CofferServer.ACCESS_KEY, signer.accessKeyId()));
        form.conditions.replaceAll(c -> c.replace(CofferServer.ACCESS_KEY, signer.accessKeyId()));
        form.secret = signer.secretAccessKey();
        lockFields.forEach(form::with);
        return form.post(key + ".txt", TestData.utf8(key));
    }

    @Test
    void aPostFormsLockFieldsNeedPutObjectRetentionAndPutObjectLegalHoldAsPutObjectsHeadersDo() {
        String until = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
        Map<String, String> retention = Map.of("x-amz-object-lock-mode", "GOVERNANCE",
                "x-amz-object-lock-retain-until-date", until);
        Map<String, String> hold = Map.of("x-amz-object-lock-legal-hold", "ON");
        AccessKey writer = userKey("post-writer", "s3:PutObject");
        AccessKey retainer = userKey("post-retainer", "s3:PutObject", "s3:PutObjectRetention");
        AccessKey holder = userKey("post-holder", "s3:PutObject", "s3:PutObjectLegalHold");

        assertXmlError(post(writer, "post-retained", retention), 403, "AccessDenied");
        assertXmlError(post(writer, "post-held", hold), 403, "AccessDenied");
        assertXmlError(post(retainer, "post-held", hold), 403, "AccessDenied");
        assertXmlError(post(holder, "post-retained", retention), 403, "AccessDenied");
        for (String refused : List.of("post-retained", "post-held")) {
            assertS3Error(404, null, () -> server.s3().headObject(b -> b.bucket(bucket).key(refused)));
        }

        assertThat(post(writer, "post-plain", Map.of()).statusCode()).isEqualTo(204);
        assertThat(post(retainer, "post-retained", retention).statusCode()).isEqualTo(204);
        assertThat(post(holder, "post-held", hold).statusCode()).isEqualTo(204);
        HeadObjectResponse retained = server.s3().headObject(b -> b.bucket(bucket).key("post-retained"));
        assertThat(retained.objectLockMode()).isEqualTo(ObjectLockMode.GOVERNANCE);
        assertThat(retained.objectLockRetainUntilDate()).isEqualTo(Instant.parse(until));
        assertThat(retained.objectLockLegalHoldStatus()).isNull();
        HeadObjectResponse held = server.s3().headObject(b -> b.bucket(bucket).key("post-held"));
        assertThat(held.objectLockLegalHoldStatus()).isEqualTo(ObjectLockLegalHoldStatus.ON);
        assertThat(held.objectLockMode()).isNull();
    }

    @Test
    void aReaderWithoutTheLockPermissionsSeesNoLockHeaders() throws Exception {
        try (S3Client reader = user("reader", "s3:GetObject", "s3:GetObjectVersion")) {
            HeadObjectResponse head = reader.headObject(b -> b.bucket(bucket).key("kept"));
            assertThat(head.objectLockMode()).isNull();
            assertThat(head.objectLockRetainUntilDate()).isNull();
            assertThat(head.objectLockLegalHoldStatus()).isNull();
            try (ResponseInputStream<GetObjectResponse> get = reader.getObject(b -> b.bucket(bucket).key("kept")
                    .versionId(version))) {
                assertThat(get.response().objectLockMode()).isNull();
                assertThat(get.response().objectLockRetainUntilDate()).isNull();
                assertThat(get.response().objectLockLegalHoldStatus()).isNull();
                assertThat(new String(get.readAllBytes())).isEqualTo("kept");
            }
        }
    }

    @Test
    void eachLockPermissionShowsItsOwnHeaders() throws Exception {
        try (S3Client retention = user("ret", "s3:GetObject", "s3:GetObjectRetention");
             S3Client hold = user("hold", "s3:GetObject", "s3:GetObjectLegalHold")) {
            HeadObjectResponse r = retention.headObject(b -> b.bucket(bucket).key("kept"));
            assertThat(r.objectLockMode()).isEqualTo(ObjectLockMode.GOVERNANCE);
            assertThat(r.objectLockRetainUntilDate()).isAfter(Instant.now());
            assertThat(r.objectLockLegalHoldStatus()).isNull();
            try (ResponseInputStream<GetObjectResponse> get = hold.getObject(b -> b.bucket(bucket).key("kept"))) {
                assertThat(get.response().objectLockMode()).isNull();
                assertThat(get.response().objectLockRetainUntilDate()).isNull();
                assertThat(get.response().objectLockLegalHoldStatus()).isEqualTo(ObjectLockLegalHoldStatus.ON);
                get.readAllBytes();
            }
        }
        HeadObjectResponse owner = server.s3().headObject(b -> b.bucket(bucket).key("kept"));
        assertThat(owner.objectLockMode()).isEqualTo(ObjectLockMode.GOVERNANCE);
        assertThat(owner.objectLockLegalHoldStatus()).isEqualTo(ObjectLockLegalHoldStatus.ON);
    }

    @Test
    void theGovernanceBypassHeaderWithoutBypassGovernanceRetentionIsAccessDenied() {
        String v = server.s3().putObject(b -> b.bucket(bucket).key("gov").objectLockMode(ObjectLockMode.GOVERNANCE)
                .objectLockRetainUntilDate(Instant.now().plus(1, ChronoUnit.HOURS)), RequestBody.fromString("g")).versionId();
        try (S3Client deleter = user("del", "s3:DeleteObject", "s3:DeleteObjectVersion", "s3:PutObjectRetention");
             S3Client bypasser = user("bypass", "s3:DeleteObject", "s3:DeleteObjectVersion",
                     "s3:BypassGovernanceRetention")) {
            assertS3Error(403, "AccessDenied", () -> deleter.deleteObject(b -> b.bucket(bucket).key("gov").versionId(v)
                    .bypassGovernanceRetention(true)));
            assertS3Error(403, "AccessDenied", () -> deleter.putObjectRetention(b -> b.bucket(bucket).key("gov")
                    .versionId(v).bypassGovernanceRetention(true)
                    .retention(r -> r.mode("GOVERNANCE").retainUntilDate(Instant.now().plus(1, ChronoUnit.MINUTES)))));
            assertThat(server.s3().headObject(b -> b.bucket(bucket).key("gov").versionId(v)).versionId()).isEqualTo(v);
            bypasser.deleteObject(b -> b.bucket(bucket).key("gov").versionId(v).bypassGovernanceRetention(true));
        }
        assertS3Error(404, null, () -> server.s3().headObject(b -> b.bucket(bucket).key("gov").versionId(v)));
    }
}

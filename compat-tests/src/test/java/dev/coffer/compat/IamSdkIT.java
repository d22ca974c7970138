package dev.coffer.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.iam.model.User;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The AWS SDK for Java v2's IAM client, pointed at the server (region aws-global, signing us-east-1). */
@ExtendWith(CofferServerExtension.class)
class IamSdkIT {
    private static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":[\"s3:GetObject\",\"s3:ListBucket\"],\"Resource\":\"*\"}]}";
    private static CofferServer server;
    private static IamClient iam;

    @BeforeAll
    static void start(CofferServer cofferServer) {
        server = cofferServer;
        iam = IamClient.builder().endpointOverride(server.endpoint()).region(Region.AWS_GLOBAL)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(CofferServer.ACCESS_KEY, CofferServer.SECRET_KEY)))
                .build();
    }

    @AfterAll
    static void stop() {
        iam.close();
    }

    private static String unique(String hint) {
        return "sdk-" + hint + "-" + Long.toHexString(System.nanoTime());
    }

    @Test
    void aUserWithAManagedPolicyIsCreatedListedAndDeletedInIamsOrder() {
        String name = unique("user");
        User user = iam.createUser(b -> b.userName(name).path("/team/")).user();
        assertThat(user.arn()).endsWith(":user/team/" + name);
        assertThat(iam.getUser(b -> b.userName(name)).user().userId()).isEqualTo(user.userId());
        assertThat(iam.listUsersPaginator(b -> b.pathPrefix("/team/").maxItems(1)).users().stream().map(User::userName))
                .contains(name);

        Policy policy = iam.createPolicy(b -> b.policyName(unique("read")).policyDocument(POLICY)).policy();
        assertThat(policy.arn()).matches("arn:aws:iam::\\d{12}:policy/sdk-read-.*");
        assertThat(policy.defaultVersionId()).isEqualTo("v1");
        iam.attachUserPolicy(b -> b.userName(name).policyArn(policy.arn()));
        assertThat(iam.listAttachedUserPolicies(b -> b.userName(name)).attachedPolicies())
                .singleElement().satisfies(p -> assertThat(p.policyArn()).isEqualTo(policy.arn()));
        assertThat(iam.getPolicy(b -> b.policyArn(policy.arn())).policy().attachmentCount()).isEqualTo(1);
        String document = iam.getPolicyVersion(b -> b.policyArn(policy.arn()).versionId("v1")).policyVersion().document();
        assertThat(URLDecoder.decode(document, StandardCharsets.UTF_8)).isEqualTo(POLICY);

        assertThatThrownBy(() -> iam.deleteUser(b -> b.userName(name))).isInstanceOf(DeleteConflictException.class);
        assertThatThrownBy(() -> iam.deletePolicy(b -> b.policyArn(policy.arn()))).isInstanceOf(DeleteConflictException.class);
        iam.detachUserPolicy(b -> b.userName(name).policyArn(policy.arn()));
        iam.deletePolicy(b -> b.policyArn(policy.arn()));
        iam.deleteUser(b -> b.userName(name));
        assertThatThrownBy(() -> iam.getUser(b -> b.userName(name))).isInstanceOf(NoSuchEntityException.class);
    }

    @Test
    void anAttachedManagedPolicyGivesTheKeyExactlyItsActionsAndDetachingTakesThemBack() {
        String bucket = server.createBucket("iam-sdk");
        server.s3().putObject(b -> b.bucket(bucket).key("doc"), software.amazon.awssdk.core.sync.RequestBody.fromString("hi"));
        String name = unique("reader");
        iam.createUser(b -> b.userName(name));
        Policy read = iam.createPolicy(b -> b.policyName(unique("get")).policyDocument("{\"Version\":\"2012-10-17\","
                + "\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::" + bucket
                + "/*\"}]}")).policy();
        AccessKey key = iam.createAccessKey(b -> b.userName(name)).accessKey();
        try (S3Client s3 = server.newClient(key.accessKeyId(), key.secretAccessKey())) {
            assertThat(errorCode(() -> s3.getObject(b -> b.bucket(bucket).key("doc")))).isEqualTo("AccessDenied");
            iam.attachUserPolicy(b -> b.userName(name).policyArn(read.arn()));
            assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("doc")).asUtf8String()).isEqualTo("hi");
            assertThat(errorCode(() -> s3.putObject(b -> b.bucket(bucket).key("doc"),
                    software.amazon.awssdk.core.sync.RequestBody.fromString("no")))).isEqualTo("AccessDenied");
            assertThat(errorCode(() -> s3.listObjectsV2(b -> b.bucket(bucket)))).isEqualTo("AccessDenied");
            iam.detachUserPolicy(b -> b.userName(name).policyArn(read.arn()));
            assertThat(errorCode(() -> s3.getObject(b -> b.bucket(bucket).key("doc")))).isEqualTo("AccessDenied");
        }
        iam.deleteAccessKey(b -> b.userName(name).accessKeyId(key.accessKeyId()));
        iam.deletePolicy(b -> b.policyArn(read.arn()));
        iam.deleteUser(b -> b.userName(name));
    }

    @Test
    void keysAreLimitedToTwoAndTheirStatusTakesEffectAtOnce() {
        String name = unique("keys");
        iam.createUser(b -> b.userName(name));
        AccessKey first = iam.createAccessKey(b -> b.userName(name)).accessKey();
        AccessKey second = iam.createAccessKey(b -> b.userName(name)).accessKey();
        assertThatThrownBy(() -> iam.createAccessKey(b -> b.userName(name))).isInstanceOf(LimitExceededException.class);
        assertThat(iam.listAccessKeys(b -> b.userName(name)).accessKeyMetadata()).hasSize(2);

        try (S3Client s3 = server.newClient(first.accessKeyId(), first.secretAccessKey())) {
            assertThat(errorCode(() -> s3.listBuckets())).isEqualTo("AccessDenied"); // a new user may do nothing
            iam.updateAccessKey(b -> b.userName(name).accessKeyId(first.accessKeyId()).status(StatusType.INACTIVE));
            assertThat(errorCode(() -> s3.listBuckets())).isEqualTo("InvalidAccessKeyId");
        }
        for (AccessKey k : List.of(first, second)) {
            iam.deleteAccessKey(b -> b.userName(name).accessKeyId(k.accessKeyId()));
        }
        iam.deleteUser(b -> b.userName(name));
    }

    @Test
    void refusalsAreIamsErrors() {
        String name = unique("refusals");
        iam.createUser(b -> b.userName(name));
        assertThatThrownBy(() -> iam.createUser(b -> b.userName(name))).isInstanceOf(EntityAlreadyExistsException.class);
        assertThatThrownBy(() -> iam.putUserPolicy(b -> b.userName(name).policyName("p").policyDocument("[1,2")))
                .isInstanceOf(MalformedPolicyDocumentException.class);
        assertThatThrownBy(() -> iam.getUserPolicy(b -> b.userName(name).policyName("p")))
                .isInstanceOf(NoSuchEntityException.class)
                .satisfies(e -> assertThat(((IamException) e).statusCode()).isEqualTo(404));
        iam.deleteUser(b -> b.userName(name));
    }

    @Test
    void aUsersIamCallsAreJudgedWithTheRequestsSourceIp() {
        String name = unique("admin");
        iam.createUser(b -> b.userName(name));
        // Allowed to read users from loopback only; every other IAM call from anywhere is denied.
        iam.putUserPolicy(b -> b.userName(name).policyName("loopback").policyDocument("{\"Version\":\"2012-10-17\","
                + "\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:GetUser\",\"Resource\":\"*\","
                + "\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"127.0.0.0/8\"}}},"
                + "{\"Effect\":\"Allow\",\"Action\":\"iam:ListUsers\",\"Resource\":\"*\","
                + "\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"203.0.113.0/24\"}}}]}"));
        AccessKey key = iam.createAccessKey(b -> b.userName(name)).accessKey();
        try (IamClient asUser = IamClient.builder().endpointOverride(server.endpoint()).region(Region.AWS_GLOBAL)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey())))
                .build()) {
            assertThat(asUser.getUser(b -> b.userName(name)).user().userName()).isEqualTo(name);
            assertThatThrownBy(() -> asUser.listUsers())
                    .isInstanceOfSatisfying(IamException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                    });
        }
        iam.deleteAccessKey(b -> b.userName(name).accessKeyId(key.accessKeyId()));
        iam.deleteUserPolicy(b -> b.userName(name).policyName("loopback"));
        iam.deleteUser(b -> b.userName(name));
    }

    private static String errorCode(Runnable call) {
        try {
            call.run();
        } catch (S3Exception e) {
            return e.awsErrorDetails().errorCode();
        }
        throw new AssertionError("the call succeeded");
    }
}

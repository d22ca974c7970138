package dev.coffer.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.compat.support.AwsCli;
import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code aws iam} (CLI v1) at its defaults against the server's endpoint: users, keys and policies. */
@ExtendWith(CofferServerExtension.class)
@org.junit.jupiter.api.Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES) // a dozen CLI starts each
class IamCliIT {
    private static final AtomicInteger USERS = new AtomicInteger();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static CofferServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void start(CofferServer cofferServer) {
        AwsCli.require();
        server = cofferServer;
    }

    private static String userName(String hint) {
        return "cli-" + hint + "-" + USERS.incrementAndGet() + "-" + Long.toHexString(System.nanoTime());
    }

    private AwsCli cli() {
        return new AwsCli(server, dir);
    }

    private JsonNode json(String... args) throws Exception {
        return JSON.readTree(cli().run(args));
    }

    /** The error code the CLI reports for a call that fails. */
    private String failure(String... args) {
        AssertionError e = (AssertionError) org.assertj.core.api.Assertions.catchThrowable(() -> cli().run(args));
        assertThat(e).as("aws " + String.join(" ", args) + " fails").isNotNull();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("An error occurred \\((\\w+)\\)").matcher(e.getMessage());
        assertThat(m.find()).as(e.getMessage()).isTrue();
        return m.group(1);
    }

    @Test
    void theReadmesThreeCommandsMakeAUserWithABucketScopedPolicyAndAKey() throws Exception {
        String bucket = server.createBucket("iam-cli");
        String user = userName("readme");
        JsonNode created = json("iam", "create-user", "--user-name", user);
        assertThat(created.at("/User/UserName").asText()).isEqualTo(user);
        assertThat(created.at("/User/UserId").asText()).startsWith("AIDA");
        assertThat(created.at("/User/Arn").asText()).matches("arn:aws:iam::\\d{12}:user/" + user);
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\","
                + "\"Resource\":[\"arn:aws:s3:::" + bucket + "\",\"arn:aws:s3:::" + bucket + "/*\"]}]}";
        cli().run("iam", "put-user-policy", "--user-name", user, "--policy-name", "bucket", "--policy-document", policy);
        JsonNode key = json("iam", "create-access-key", "--user-name", user);
        String id = key.at("/AccessKey/AccessKeyId").asText();
        assertThat(id).startsWith("AKIA").hasSize(20);
        assertThat(key.at("/AccessKey/SecretAccessKey").asText()).hasSize(40);
        assertThat(key.at("/AccessKey/Status").asText()).isEqualTo("Active");

        assertThat(json("iam", "get-user-policy", "--user-name", user, "--policy-name", "bucket")
                .at("/PolicyDocument/Statement/0/Resource/0").asText()).isEqualTo("arn:aws:s3:::" + bucket);
        assertThat(json("iam", "list-user-policies", "--user-name", user).at("/PolicyNames/0").asText()).isEqualTo("bucket");
        // The key reaches exactly the bucket its policy names.
        String other = server.createBucket("iam-cli-other");
        try (S3Client s3 = server.newClient(id, key.at("/AccessKey/SecretAccessKey").asText())) {
            s3.putObject(b -> b.bucket(bucket).key("app/one"), software.amazon.awssdk.core.sync.RequestBody.fromString("1"));
            assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).contents()).hasSize(1);
            assertThatThrownBy(() -> s3.listObjectsV2(b -> b.bucket(other)))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
            assertThatThrownBy(() -> s3.putObject(b -> b.bucket(other).key("x"), software.amazon.awssdk.core.sync.RequestBody.fromString("1")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
        }
    }

    @Test
    void anInactiveKeyIsRefusedAtOnceAndADeletedOneIsUnknown() throws Exception {
        String user = userName("keys");
        cli().run("iam", "create-user", "--user-name", user);
        JsonNode key = json("iam", "create-access-key", "--user-name", user);
        String id = key.at("/AccessKey/AccessKeyId").asText();
        try (S3Client asUser = server.newClient(id, key.at("/AccessKey/SecretAccessKey").asText())) {
            assertThat(errorCode(asUser)).isEqualTo("AccessDenied"); // signs, but a new user may do nothing

            cli().run("iam", "update-access-key", "--user-name", user, "--access-key-id", id, "--status", "Inactive");
            assertThat(errorCode(asUser)).isEqualTo("InvalidAccessKeyId");
            assertThat(json("iam", "list-access-keys", "--user-name", user).at("/AccessKeyMetadata/0/Status").asText())
                    .isEqualTo("Inactive");
            cli().run("iam", "update-access-key", "--user-name", user, "--access-key-id", id, "--status", "Active");
            assertThat(errorCode(asUser)).isEqualTo("AccessDenied");

            assertThat(failure("iam", "delete-user", "--user-name", user)).isEqualTo("DeleteConflict");
            cli().run("iam", "delete-access-key", "--user-name", user, "--access-key-id", id);
            assertThat(errorCode(asUser)).isEqualTo("InvalidAccessKeyId");
        }
        cli().run("iam", "delete-user", "--user-name", user);
        assertThat(failure("iam", "get-user", "--user-name", user)).isEqualTo("NoSuchEntity");
    }

    @Test
    void errorsAreIamsOwn() throws Exception {
        String user = userName("errors");
        cli().run("iam", "create-user", "--user-name", user);
        assertThat(failure("iam", "create-user", "--user-name", user.toUpperCase())).isEqualTo("EntityAlreadyExists");
        assertThat(failure("iam", "put-user-policy", "--user-name", user, "--policy-name", "p",
                "--policy-document", "{not json")).isEqualTo("MalformedPolicyDocument");
        assertThat(failure("iam", "get-user-policy", "--user-name", user, "--policy-name", "none")).isEqualTo("NoSuchEntity");
        assertThat(failure("iam", "create-user", "--user-name", "bad/name")).isEqualTo("ValidationError");
        assertThat(failure("iam", "create-group", "--group-name", "g")).isEqualTo("NotImplemented");
        cli().run("iam", "delete-user", "--user-name", user);
    }

    private static String errorCode(S3Client s3) {
        try {
            s3.listBuckets();
        } catch (S3Exception e) {
            return e.awsErrorDetails().errorCode();
        }
        throw new AssertionError("ListBuckets succeeded");
    }
}

package dev.coffer.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import dev.coffer.compat.support.Tools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.User;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.S3Exception;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Accounts made with {@code scripts/coffer-admin.sh} (the admin endpoint, signed by the server's
 * root): each has its own root key pair, and one account's buckets and users are invisible to
 * another's.
 */
@ExtendWith(CofferServerExtension.class)
class AccountsIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static CofferServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void start(CofferServer cofferServer) {
        Tools.requireOnPath("curl", "apt-get install curl");
        server = cofferServer;
    }

    /** Runs scripts/coffer-admin.sh as the server's root; its exit code and stdout. */
    private Result admin(String... args) throws Exception {
        Path script = Path.of("..", "scripts", "coffer-admin.sh").toAbsolutePath().normalize();
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().put("COFFER_ENDPOINT", server.endpoint().toString());
        builder.environment().put("AWS_ACCESS_KEY_ID", CofferServer.ACCESS_KEY);
        builder.environment().put("AWS_SECRET_ACCESS_KEY", CofferServer.SECRET_KEY);
        Path out = dir.resolve("admin.out");
        Process p = builder.redirectOutput(out.toFile()).redirectError(dir.resolve("admin.err").toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }

    private record Result(int exit, String out) {}

    private static S3Client s3(JsonNode account) {
        return server.newClient(account.get("accessKeyId").asText(), account.get("secretAccessKey").asText());
    }

    private static String errorCode(Runnable call) {
        try {
            call.run();
        } catch (S3Exception e) {
            return e.statusCode() + " " + e.awsErrorDetails().errorCode();
        }
        throw new AssertionError("the call succeeded");
    }

    @Test
    void twoAccountsCannotSeeOrReachEachOthersBuckets() throws Exception {
        JsonNode a = JSON.readTree(admin("create-account", "team-a").out());
        JsonNode b = JSON.readTree(admin("create-account", "team-b").out());
        assertThat(a.get("accountId").asText()).matches("\\d{12}").isNotEqualTo(b.get("accountId").asText());
        assertThat(a.get("accessKeyId").asText()).startsWith("AKIA");
        String bucket = server.uniqueBucketName("accounts");
        try (S3Client sa = s3(a); S3Client sb = s3(b)) {
            sa.createBucket(r -> r.bucket(bucket));
            sa.putObject(r -> r.bucket(bucket).key("k"), RequestBody.fromString("a's"));
            assertThat(sa.listBuckets().buckets()).extracting(Bucket::name).containsExactly(bucket);
            assertThat(sa.listBuckets().owner().id()).isEqualTo(a.get("canonicalUserId").asText());

            assertThat(sb.listBuckets().buckets()).isEmpty();
            assertThat(server.s3().listBuckets().buckets()).extracting(Bucket::name).doesNotContain(bucket);
            assertThat(errorCode(() -> sb.getObject(r -> r.bucket(bucket).key("k")))).isEqualTo("403 AccessDenied");
            assertThat(errorCode(() -> sb.listObjectsV2(r -> r.bucket(bucket)))).isEqualTo("403 AccessDenied");
            assertThat(errorCode(() -> sb.deleteBucket(r -> r.bucket(bucket)))).isEqualTo("403 AccessDenied");
            // The server's root may still do everything, in every account (it does not list them, though).
            assertThat(server.s3().getObjectAsBytes(r -> r.bucket(bucket).key("k")).asUtf8String()).isEqualTo("a's");
            assertThat(errorCode(() -> sb.createBucket(r -> r.bucket(bucket)))).isEqualTo("409 BucketAlreadyExists");
            sa.createBucket(r -> r.bucket(bucket)); // your own, again: 200 in us-east-1

            String theirs = server.createBucket("accounts-root");
            assertThat(errorCode(() -> sb.copyObject(r -> r.sourceBucket(bucket).sourceKey("k")
                    .destinationBucket(theirs).destinationKey("k")))).isEqualTo("403 AccessDenied");

            assertThat(admin("list-accounts").out()).contains(a.get("accountId").asText(), b.get("accountId").asText());
            Result refused = admin("delete-account", a.get("accountId").asText());
            assertThat(refused.exit()).isNotZero();
            assertThat(refused.out()).contains("DeleteConflict");
            sa.deleteObject(r -> r.bucket(bucket).key("k"));
            sa.deleteBucket(r -> r.bucket(bucket));
            assertThat(admin("delete-account", a.get("accountId").asText()).exit()).isZero();
            assertThat(errorCode(() -> sa.listBuckets())).isEqualTo("403 InvalidAccessKeyId");
        }
    }

    @Test
    void eachAccountsRootManagesOnlyItsOwnUsers() throws Exception {
        JsonNode c = JSON.readTree(admin("create-account", "team-c").out());
        try (IamClient iamC = iam(c); IamClient iamRoot = iam(null)) {
            String name = "only-in-c-" + Long.toHexString(System.nanoTime());
            User user = iamC.createUser(r -> r.userName(name)).user();
            assertThat(user.arn()).isEqualTo("arn:aws:iam::" + c.get("accountId").asText() + ":user/" + name);
            assertThat(iamRoot.listUsers().users()).extracting(User::userName).doesNotContain(name);
            iamC.deleteUser(r -> r.userName(name));
        }
    }

    @Test
    void theAdminEndpointAnswersOnlyTheServersRoot() throws Exception {
        JsonNode d = JSON.readTree(admin("create-account", "team-d").out());
        ProcessBuilder builder = new ProcessBuilder("bash",
                Path.of("..", "scripts", "coffer-admin.sh").toAbsolutePath().normalize().toString(), "list-accounts")
                .directory(dir.toFile()).redirectOutput(dir.resolve("o").toFile()).redirectError(dir.resolve("e").toFile());
        builder.environment().put("COFFER_ENDPOINT", server.endpoint().toString());
        builder.environment().put("AWS_ACCESS_KEY_ID", d.get("accessKeyId").asText());
        builder.environment().put("AWS_SECRET_ACCESS_KEY", d.get("secretAccessKey").asText());
        Process p = builder.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isNotZero();
        assertThat(Files.readString(dir.resolve("o"))).contains("AccessDenied");
    }

    private static IamClient iam(JsonNode account) {
        String key = account == null ? CofferServer.ACCESS_KEY : account.get("accessKeyId").asText();
        String secret = account == null ? CofferServer.SECRET_KEY : account.get("secretAccessKey").asText();
        return IamClient.builder().endpointOverride(server.endpoint()).region(Region.AWS_GLOBAL)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret))).build();
    }
}

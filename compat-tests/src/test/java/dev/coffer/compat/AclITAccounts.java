package dev.coffer.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.Tools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.ObjectOwnership;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Second accounts for the ACL tests on one server, made through scripts/coffer-admin.sh as the
 * server's root; their clients and IAM users; buckets that honour ACLs.
 */
final class AclITAccounts {
    private final CofferServer server;

    AclITAccounts(CofferServer server) {
        this.server = server;
    }

    /** A new account: its JSON (accountId, canonicalUserId, accessKeyId, secretAccessKey). */
    JsonNode create(String name) throws Exception {
        Tools.requireOnPath("curl", "apt-get install curl");
        Path dir = Files.createTempDirectory("acl-admin");
        Path script = Path.of("..", "scripts", "coffer-admin.sh").toAbsolutePath().normalize();
        ProcessBuilder builder = new ProcessBuilder("bash", script.toString(), "create-account", name).directory(dir.toFile());
        builder.environment().put("COFFER_ENDPOINT", server.endpoint().toString());
        builder.environment().put("AWS_ACCESS_KEY_ID", CofferServer.ACCESS_KEY);
        builder.environment().put("AWS_SECRET_ACCESS_KEY", CofferServer.SECRET_KEY);
        Path out = dir.resolve("out");
        Process p = builder.redirectOutput(out.toFile()).redirectError(dir.resolve("err").toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("err"))).isZero();
        return JsonMapper.builder().build().readTree(Files.readString(out, StandardCharsets.UTF_8));
    }

    S3Client client(JsonNode account) {
        return server.newClient(account.get("accessKeyId").asText(), account.get("secretAccessKey").asText());
    }

    /** A new IAM user of {@code account} (made by the account's root) with this inline policy (none when null), signing as it. */
    S3Client user(JsonNode account, String name, String policy) {
        try (IamClient iam = IamClient.builder().endpointOverride(server.endpoint()).region(Region.AWS_GLOBAL)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        account.get("accessKeyId").asText(), account.get("secretAccessKey").asText()))).build()) {
            iam.createUser(b -> b.userName(name));
            if (policy != null) iam.putUserPolicy(b -> b.userName(name).policyName("s3").policyDocument(policy));
            AccessKey key = iam.createAccessKey(b -> b.userName(name)).accessKey();
            return server.newClient(key.accessKeyId(), key.secretAccessKey());
        }
    }

    /** A new bucket of {@code owner}'s, named after {@code hint}, that honours ACLs (ObjectOwnership ObjectWriter). */
    String writerBucket(S3Client owner, String hint) {
        return writerBucket(owner, hint, b -> { });
    }

    /** As {@link #writerBucket(S3Client, String)}, created with {@code more} (grants, a canned ACL) too. */
    String writerBucket(S3Client owner, String hint, Consumer<CreateBucketRequest.Builder> more) {
        String bucket = server.uniqueBucketName(hint);
        owner.createBucket(b -> {
            b.bucket(bucket).objectOwnership(ObjectOwnership.OBJECT_WRITER);
            more.accept(b);
        });
        return bucket;
    }
}

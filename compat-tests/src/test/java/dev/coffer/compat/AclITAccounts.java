package dev.coffer.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.compat.support.CofferServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.s3.S3Client;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Second accounts for the ACL tests, made through scripts/coffer-admin.sh as the server's root. */
final class AclITAccounts {
    static CofferServer server;

    private AclITAccounts() {}

    /** A new account: its JSON (accountId, canonicalUserId, accessKeyId, secretAccessKey). */
    static JsonNode create(String name) throws Exception {
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

    static S3Client client(JsonNode account) {
        return server.newClient(account.get("accessKeyId").asText(), account.get("secretAccessKey").asText());
    }

    /** The account's root signs IAM calls for its own account. */
    static IamClient iam(JsonNode account) {
        return IamClient.builder().endpointOverride(server.endpoint()).region(Region.AWS_GLOBAL)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        account.get("accessKeyId").asText(), account.get("secretAccessKey").asText()))).build();
    }

    /** A new IAM user of {@code iam}'s account with this inline policy (none when null), signing as it. */
    static S3Client user(IamClient iam, String name, String policy) {
        iam.createUser(b -> b.userName(name));
        if (policy != null) iam.putUserPolicy(b -> b.userName(name).policyName("s3").policyDocument(policy));
        AccessKey key = iam.createAccessKey(b -> b.userName(name)).accessKey();
        return server.newClient(key.accessKeyId(), key.secretAccessKey());
    }
}

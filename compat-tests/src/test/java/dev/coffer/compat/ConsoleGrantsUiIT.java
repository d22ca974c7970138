package dev.coffer.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.HandSigner;
import dev.coffer.compat.support.NodeScripts;
import dev.coffer.compat.ui.BrowserTests;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * What the admin console grants and removes, against a server of its own: {@code
 * ui-tests/console-grants.e2e.mjs} in a real Chromium (a user refused the storage overview until
 * the root edits its inline policy to allow {@code admin:ServerInfo}; a managed policy attached,
 * refused deletion, detached and deleted; two bucket settings removed; three browsers sharing
 * links until IAM's two-key limit), each outcome then checked here with the AWS SDK; and the
 * overview endpoint refusing another account's root, whatever that account's policies say.
 */
class ConsoleGrantsUiIT {
    private static final String UNSIGNED = "UNSIGNED-PAYLOAD";

    private static CofferServer server;
    private static String dataBucket;
    private static String settingsBucket;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        server = CofferServer.startInProcess("--coffer.metrics.stats-interval=1h");
        S3Client s3 = server.s3();
        dataBucket = server.createBucket("grants-data");
        s3.putObject(b -> b.bucket(dataBucket).key("report.txt"), RequestBody.fromString("r".repeat(200)));
        settingsBucket = server.createBucket("grants-settings");
        s3.putBucketTagging(b -> b.bucket(settingsBucket).tagging(t -> t.tagSet(
                tag -> tag.key("team").value("web"), tag -> tag.key("env").value("prod"))));
        s3.putBucketCors(b -> b.bucket(settingsBucket).corsConfiguration(c -> c.corsRules(
                r -> r.allowedOrigins("https://app.example.com").allowedMethods("GET"))));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.close();
    }

    private static IamClient iam() {
        return IamClient.builder().endpointOverride(server.endpoint()).region(Region.AWS_GLOBAL)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(CofferServer.ACCESS_KEY, CofferServer.SECRET_KEY))).build();
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES) // a browser session, not one S3 call
    void theConsoleGrantsTheOverviewByPolicyAndRemovesPoliciesSettingsAndShareKeys() throws Exception {
        BrowserTests.requireAvailable();
        NodeScripts.Result result = BrowserTests.run("console-grants.e2e.mjs", 280, server.driveUrl().toString(),
                CofferServer.ACCESS_KEY, CofferServer.SECRET_KEY, dataBucket, settingsBucket);
        assertThat(result.output()).as(result.output())
                .contains("overview refused - AccessDenied: User: arn:aws:iam::")
                .contains(":user/ops is not authorized to perform: admin:ServerInfo on resource: arn:coffer:admin:::overview")
                .contains("overview allowed - objects=1 total=200 bytes")
                .contains("policy delete refused - DeleteConflict: ")
                .contains("policy deleted - No managed policies yet.")
                .contains("settings removed - " + settingsBucket + ": tags and CORS")
                .contains("third browser - No link made: the coffer-share-links user already has the two"
                        + " access keys IAM allows")
                .contains("LimitExceeded: Cannot exceed quota for AccessKeysPerUser: 2")
                .contains("revoked by the third browser - 403 403")
                .contains("5 passed, 0 failed")
                .doesNotContain("not ok")
                .doesNotContain("page error");
        assertThat(result.exitCode()).as(result.output()).isZero();

        try (IamClient iam = iam()) {
            assertThat(iam.getUserPolicy(b -> b.userName("ops").policyName("console")).policyDocument())
                    .contains("admin%3AServerInfo").contains("s3%3AListAllMyBuckets");
            assertThat(iam.listAttachedUserPolicies(b -> b.userName("ops")).attachedPolicies()).isEmpty();
            assertThat(iam.listPolicies(b -> b.scope("Local")).policies()).isEmpty();
            assertThat(iam.listAccessKeys(b -> b.userName("coffer-share-links")).accessKeyMetadata())
                    .as("the revocation deleted both keys; the third browser's next share made one")
                    .extracting(k -> k.statusAsString()).containsExactly("Active");
        }
        S3Client s3 = server.s3();
        assertThatThrownBy(() -> s3.getBucketTagging(b -> b.bucket(settingsBucket)))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchTagSet"));
        assertThatThrownBy(() -> s3.getBucketCors(b -> b.bucket(settingsBucket)))
                .isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchCORSConfiguration"));
    }

    @Test
    void anotherAccountsRootIsRefusedTheOverviewWhateverItsPoliciesSay() throws Exception {
        URI accounts = URI.create(server.endpoint() + "/_coffer/admin/accounts?name=elsewhere");
        HttpRequest.Builder create = HttpRequest.newBuilder(accounts).POST(HttpRequest.BodyPublishers.noBody());
        HandSigner.header("POST", accounts, Map.of(), UNSIGNED).forEach((k, v) -> {
            if (!k.equals("host")) create.header(k, v);
        });
        HttpResponse<String> made = http.send(create.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(made.statusCode()).as(made.body()).isEqualTo(200);

        HttpResponse<String> refused = overviewSignedBy(field(made.body(), "accessKeyId"), field(made.body(), "secretAccessKey"));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("\"error\":\"AccessDenied\"")
                .contains("is not authorized to perform: admin:ServerInfo on resource: arn:coffer:admin:::overview because"
                        + " admin:ServerInfo is for the server's own account only");

        HttpResponse<String> root = overviewSignedBy(CofferServer.ACCESS_KEY, CofferServer.SECRET_KEY);
        assertThat(root.statusCode()).as(root.body()).isEqualTo(200);
        assertThat(root.body()).contains("\"objects\":");
    }

    private HttpResponse<String> overviewSignedBy(String accessKey, String secret) throws Exception {
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.GET)
                .uri(URI.create(server.endpoint() + "/_coffer/admin/overview"))
                .putHeader("x-amz-content-sha256", UNSIGNED).build();
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(accessKey, secret))
                .request(request)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, CofferServer.REGION.id())
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false)).request();
        HttpRequest.Builder send = HttpRequest.newBuilder(signed.getUri()).GET();
        signed.headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host")) send.header(name, values.get(0));
        });
        return http.send(send.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        assertThat(m.find()).as(json).isTrue();
        return m.group(1);
    }
}

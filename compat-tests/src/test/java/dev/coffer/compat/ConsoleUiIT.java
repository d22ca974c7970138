package dev.coffer.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.HandSigner;
import dev.coffer.compat.support.NodeScripts;
import dev.coffer.compat.ui.BrowserTests;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CORSRule;
import software.amazon.awssdk.services.s3.model.DefaultRetention;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.ObjectLockRetentionMode;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3.model.QueueConfiguration;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The drive's admin console against a server of its own (so that the storage overview's figures
 * are exactly what this class wrote): the overview endpoint the console reads, signed by the root
 * from the drive's origin; and {@code ui-tests/console.e2e.mjs} in a real Chromium at desktop and
 * phone size — users, keys and policies (a second browser signed in as the new user), accounts,
 * every bucket setting through its form (each checked here with the AWS SDK afterwards), share
 * links signed by the dedicated key and revoked — saving docs/screenshots/console-*.png.
 */
class ConsoleUiIT {
    private static final String UNSIGNED = "UNSIGNED-PAYLOAD";
    private static final String TARGET = "arn:coffer:sqs::hook:webhook";

    private static CofferServer server;
    private static String dataBucket;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        server = CofferServer.startInProcess("--coffer.metrics.stats-interval=1h",
                "--coffer.notifications.targets.hook.type=webhook",
                "--coffer.notifications.targets.hook.uri=http://127.0.0.1:9/never-called");
        S3Client s3 = server.s3();
        dataBucket = server.createVersionedBucket("console-data");
        s3.putObject(b -> b.bucket(dataBucket).key("report.txt"), RequestBody.fromString("x".repeat(100)));
        s3.putObject(b -> b.bucket(dataBucket).key("report.txt"), RequestBody.fromString("y".repeat(200)));
        s3.putObject(b -> b.bucket(dataBucket).key("notes/todo.md"), RequestBody.fromString("# todo\n" + "z".repeat(43)));
        String upload = s3.createMultipartUpload(b -> b.bucket(dataBucket).key("big.bin")).uploadId();
        s3.uploadPart(b -> b.bucket(dataBucket).key("big.bin").uploadId(upload).partNumber(1),
                RequestBody.fromBytes(new byte[1000]));
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES) // a browser session, not one S3 call
    void anOperatorRunsCofferFromTheConsoleAtDesktopAndPhoneSize() throws Exception {
        BrowserTests.requireAvailable();
        S3Client s3 = server.s3();
        String settings = server.createBucket("console-settings");
        String locked = server.uniqueBucketName("console-locked");
        s3.createBucket(b -> b.bucket(locked).objectLockEnabledForBucket(true));
        NodeScripts.Result result = BrowserTests.run("console.e2e.mjs", 280, server.driveUrl().toString(),
                server.endpoint().toString(), CofferServer.ACCESS_KEY, CofferServer.SECRET_KEY, dataBucket, settings,
                locked, TARGET);
        assertThat(result.output()).as(result.output())
                .contains("overview - desktop: objects=2 versions=1 uploads=1 total=1,350 bytes uploadBytes=1.00 KB")
                .contains("overview - phone: objects=2 versions=1 uploads=1 total=1,350 bytes uploadBytes=1.00 KB")
                .contains("policy refusal - The server refused: MalformedPolicyDocument: Policy has invalid resource")
                .contains("deactivated - That access key is not known to this server.")
                .contains("lifecycle refusal - InvalidArgument: 'Days' for Expiration action must be a positive integer")
                .contains("policy refusal - AccessDenied: ")
                .contains("notification refusal - InvalidArgument: ")
                .contains("revoked - the link answers 403 InvalidAccessKeyId")
                .contains(" 0 failed")
                .doesNotContain("not ok")
                .doesNotContain("page error");
        assertThat(result.exitCode()).as(result.output()).isZero();

        assertThat(s3.getBucketVersioning(b -> b.bucket(settings)).status()).isEqualTo(BucketVersioningStatus.ENABLED);
        LifecycleRule rule = s3.getBucketLifecycleConfiguration(b -> b.bucket(settings)).rules().get(0);
        assertThat(rule.id()).isEqualTo("expire-logs");
        assertThat(rule.filter().prefix()).isEqualTo("logs/");
        assertThat(rule.expiration().days()).isEqualTo(30);
        assertThat(rule.noncurrentVersionExpiration().noncurrentDays()).isEqualTo(7);
        assertThat(rule.abortIncompleteMultipartUpload().daysAfterInitiation()).isEqualTo(2);
        CORSRule cors = s3.getBucketCors(b -> b.bucket(settings)).corsRules().get(0);
        assertThat(cors.allowedOrigins()).containsExactly("https://app.example.com");
        assertThat(cors.allowedMethods()).containsExactly("GET", "PUT");
        assertThat(cors.allowedHeaders()).containsExactly("*");
        assertThat(cors.exposeHeaders()).containsExactly("ETag");
        assertThat(cors.maxAgeSeconds()).isEqualTo(3000);
        assertThat(s3.getBucketPolicy(b -> b.bucket(settings)).policy())
                .contains("\"PublicReadFolder\"").contains("arn:aws:s3:::" + settings + "/public/*");
        PublicAccessBlockConfiguration bpa = s3.getPublicAccessBlock(b -> b.bucket(settings)).publicAccessBlockConfiguration();
        assertThat(List.of(bpa.blockPublicAcls(), bpa.ignorePublicAcls(), bpa.blockPublicPolicy(), bpa.restrictPublicBuckets()))
                .containsOnly(true);
        assertThat(s3.getBucketTagging(b -> b.bucket(settings)).tagSet())
                .extracting(t -> t.key() + "=" + t.value()).containsExactlyInAnyOrder("team=web", "env=prod", "device=phone");
        assertThat(s3.getBucketEncryption(b -> b.bucket(settings)).serverSideEncryptionConfiguration().rules().get(0)
                .applyServerSideEncryptionByDefault().sseAlgorithm()).isEqualTo(ServerSideEncryption.AES256);
        QueueConfiguration queue = s3.getBucketNotificationConfiguration(b -> b.bucket(settings)).queueConfigurations().get(0);
        assertThat(queue.id()).isEqualTo("new-objects");
        assertThat(queue.queueArn()).isEqualTo(TARGET);
        assertThat(queue.eventsAsStrings()).containsExactly("s3:ObjectCreated:*");
        assertThat(queue.filter().key().filterRules()).extracting(r -> r.nameAsString() + "=" + r.value())
                .containsExactly("Prefix=uploads/"); // S3 answers the rule's name capitalised, as Coffer does
        DefaultRetention retention = s3.getObjectLockConfiguration(b -> b.bucket(locked)).objectLockConfiguration()
                .rule().defaultRetention();
        assertThat(retention.mode()).isEqualTo(ObjectLockRetentionMode.GOVERNANCE);
        assertThat(retention.days()).isEqualTo(1);

        try (IamClient iam = IamClient.builder().endpointOverride(server.endpoint()).region(Region.AWS_GLOBAL)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(CofferServer.ACCESS_KEY, CofferServer.SECRET_KEY))).build()) {
            assertThat(iam.listUsers().users()).extracting(u -> u.userName())
                    .containsExactlyInAnyOrder("coffer-share-links", "phone-user");
            assertThat(iam.listAccessKeys(b -> b.userName("coffer-share-links")).accessKeyMetadata())
                    .as("the last revocation deleted every key of the share user").isEmpty();
            assertThat(iam.getUserPolicy(b -> b.userName("coffer-share-links").policyName("get-objects-only"))
                    .policyDocument()).contains("s3%3AGetObject");
            assertThat(iam.listPolicies(b -> b.scope("Local")).policies()).extracting(p -> p.policyName())
                    .containsExactly("deny-deletes");
            assertThat(iam.listAttachedUserPolicies(b -> b.userName("phone-user")).attachedPolicies())
                    .extracting(p -> p.policyName()).containsExactly("deny-deletes");
            assertThat(iam.listAccessKeys(b -> b.userName("phone-user")).accessKeyMetadata())
                    .extracting(k -> k.statusAsString()).containsExactly("Active");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.close();
    }

    private HttpResponse<String> overview(String query, boolean signed) throws Exception {
        URI uri = URI.create(server.endpoint() + "/_coffer/admin/overview" + query);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET()
                .header("Origin", server.driveUrl().toString().replaceAll("/$", ""));
        if (signed) {
            HandSigner.header("GET", uri, Map.of(), UNSIGNED).forEach((k, v) -> {
                if (!k.equals("host")) request.header(k, v);
            });
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theOverviewCountsWhatWasWrittenForTheRootCalledFromTheDrive() throws Exception {
        HttpResponse<String> counted = overview("?recount", true);
        assertThat(counted.statusCode()).as(counted.body()).isEqualTo(200);
        assertThat(counted.headers().firstValue("Access-Control-Allow-Origin"))
                .hasValue(server.driveUrl().toString().replaceAll("/$", ""));
        assertThat(counted.body())
                .contains("\"objects\":2,\"bytes\":250,\"versions\":1,\"versionBytes\":100,\"deleteMarkers\":0,"
                        + "\"uploads\":1,\"uploadBytes\":1000,\"totalBytes\":1350")
                .contains("{\"kind\":\"gc\"").contains("{\"kind\":\"scrub\"").contains("{\"kind\":\"lifecycle\"")
                .contains("\"cluster\":null");

        HttpResponse<String> anonymous = overview("", false);
        assertThat(anonymous.statusCode()).isEqualTo(403);
        assertThat(anonymous.body()).contains("AccessDenied");
    }
}

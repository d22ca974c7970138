package dev.coffer.compat;

import static dev.coffer.compat.support.S3Assertions.assertS3Error;
import static dev.coffer.compat.support.Awaits.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.compat.crash.KillableServer;
import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.Metrics;
import dev.coffer.compat.support.RedisServer;
import dev.coffer.compat.support.Tools;
import dev.coffer.compat.support.WebhookReceiver;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.Event;
import software.amazon.awssdk.services.s3.model.FilterRuleName;
import software.amazon.awssdk.services.s3.model.GetBucketNotificationConfigurationResponse;
import software.amazon.awssdk.services.s3.model.QueueConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Event notifications end to end (docs/notifications.md): Put/GetBucketNotificationConfiguration
 * through the AWS SDK v2 at its defaults, and every event kind delivered in S3's event message
 * format to a real {@code redis-server} (a stream, a list) and to a webhook receiver (bearer token,
 * HMAC-SHA256 signature); a target stopped for a while and started again gets its backlog in order;
 * a kill -9 of the packaged server between commit and delivery loses no event.
 */
class BucketNotificationIT {
    private static final String STREAM_ARN = "arn:coffer:sqs::red:redis";
    private static final String LIST_ARN = "arn:coffer:sqs::redlist:redis";
    private static final String HOOK_ARN = "arn:coffer:sqs::hook:webhook";
    private static final String TOKEN = "hook-token";
    private static final String SECRET = "hook-secret";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static CofferServer server;
    private static RedisServer redis;
    private static WebhookReceiver hook;

    @BeforeAll
    @Timeout(300) // a server of its own starts slowly on a loaded machine
    static void start() {
        redis = RedisServer.start();
        hook = new WebhookReceiver();
        server = CofferServer.startInProcess(settings(redis, hook));
    }

    private static String[] settings(RedisServer redis, WebhookReceiver hook) {
        return new String[] {
                "--coffer.notifications.interval=100ms",
                "--coffer.notifications.retry-min=200ms",
                "--coffer.notifications.retry-max=1s",
                "--coffer.notifications.targets.red.type=redis",
                "--coffer.notifications.targets.red.uri=" + redis.uri(),
                "--coffer.notifications.targets.red.redis-mode=stream",
                "--coffer.notifications.targets.red.redis-key=coffer-events",
                "--coffer.notifications.targets.red.timeout=2s",
                "--coffer.notifications.targets.redlist.type=redis",
                "--coffer.notifications.targets.redlist.uri=" + redis.uri(),
                "--coffer.notifications.targets.redlist.redis-mode=list",
                "--coffer.notifications.targets.redlist.redis-key=coffer-list",
                "--coffer.notifications.targets.hook.type=webhook",
                "--coffer.notifications.targets.hook.uri=" + hook.url(),
                "--coffer.notifications.targets.hook.token=" + TOKEN,
                "--coffer.notifications.targets.hook.secret=" + SECRET,
                "--coffer.notifications.targets.hook.timeout=2s"};
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.close();
        if (redis != null) redis.close();
        if (hook != null) hook.close();
    }

    /** The event records of the stream (XRANGE), oldest first. */
    private static List<JsonNode> stream(RedisServer redis, String key) {
        return records(redis.cli("XRANGE", key, "-", "+"));
    }

    private static List<JsonNode> records(String cliOutput) {
        List<JsonNode> out = new ArrayList<>();
        for (String line : cliOutput.split("\n")) {
            if (line.startsWith("{")) out.add(JSON.readTree(line).get("Records").get(0));
        }
        return out;
    }

    private static List<JsonNode> forBucket(List<JsonNode> records, String bucket) {
        return records.stream().filter(r -> r.get("s3").get("bucket").get("name").asString().equals(bucket)).toList();
    }

    private static void notify(String bucket, QueueConfiguration... queues) {
        server.s3().putBucketNotificationConfiguration(b -> b.bucket(bucket)
                .notificationConfiguration(c -> c.queueConfigurations(queues)));
    }

    @Test
    void aConfigurationIsStoredAndAnsweredBackAsSent() {
        String bucket = server.createBucket("notify-config");
        GetBucketNotificationConfigurationResponse none =
                server.s3().getBucketNotificationConfiguration(b -> b.bucket(bucket));
        assertThat(none.queueConfigurations()).isEmpty();
        assertThat(none.topicConfigurations()).isEmpty();

        server.s3().putBucketNotificationConfiguration(b -> b.bucket(bucket).notificationConfiguration(c -> c
                .queueConfigurations(QueueConfiguration.builder().id("images").queueArn(STREAM_ARN)
                        .events(Event.S3_OBJECT_CREATED, Event.S3_OBJECT_REMOVED_DELETE)
                        .filter(f -> f.key(k -> k.filterRules(
                                r -> r.name(FilterRuleName.PREFIX).value("images/"),
                                r -> r.name(FilterRuleName.SUFFIX).value(".jpg")))).build())
                .topicConfigurations(t -> t.id("all").topicArn(HOOK_ARN).events(Event.S3_LIFECYCLE_EXPIRATION))));

        GetBucketNotificationConfigurationResponse got =
                server.s3().getBucketNotificationConfiguration(b -> b.bucket(bucket));
        assertThat(got.queueConfigurations()).hasSize(1);
        QueueConfiguration q = got.queueConfigurations().get(0);
        assertThat(q.id()).isEqualTo("images");
        assertThat(q.queueArn()).isEqualTo(STREAM_ARN);
        assertThat(q.events()).containsExactly(Event.S3_OBJECT_CREATED, Event.S3_OBJECT_REMOVED_DELETE);
        assertThat(q.filter().key().filterRules()).extracting(r -> r.nameAsString() + "=" + r.value())
                .containsExactly("Prefix=images/", "Suffix=.jpg");
        assertThat(got.topicConfigurations()).singleElement()
                .satisfies(t -> assertThat(t.topicArn()).isEqualTo(HOOK_ARN));

        // An empty configuration removes it.
        server.s3().putBucketNotificationConfiguration(b -> b.bucket(bucket).notificationConfiguration(c -> { }));
        assertThat(server.s3().getBucketNotificationConfiguration(b -> b.bucket(bucket)).queueConfigurations()).isEmpty();
    }

    @Test
    void anUndeclaredTargetOrOverlappingRulesAreInvalidArgumentAndStoreNothing() {
        String bucket = server.createBucket("notify-refused");
        assertS3Error(400, "InvalidArgument", () -> notify(bucket,
                QueueConfiguration.builder().queueArn("arn:coffer:sqs::nobody:redis").events(Event.S3_OBJECT_CREATED).build()));
        assertS3Error(400, "InvalidArgument", () -> notify(bucket,
                QueueConfiguration.builder().queueArn(STREAM_ARN).events(Event.S3_OBJECT_CREATED).build(),
                QueueConfiguration.builder().queueArn(HOOK_ARN).events(Event.S3_OBJECT_CREATED_PUT).build()));
        assertS3Error(501, "NotImplemented", () -> server.s3().putBucketNotificationConfiguration(b -> b.bucket(bucket)
                .notificationConfiguration(c -> c.eventBridgeConfiguration(e -> { }))));
        assertThat(server.s3().getBucketNotificationConfiguration(b -> b.bucket(bucket)).queueConfigurations()).isEmpty();
        assertS3Error(404, "NoSuchBucket", () -> server.s3().getBucketNotificationConfiguration(b -> b.bucket(bucket + "-none")));
    }

    @Test
    @Timeout(200) // about 10 s each on an idle machine; the bound is for a loaded one
    void everyEventKindReachesARedisStreamInS3sEventFormat() throws Exception {
        String bucket = server.createBucket("notify-kinds");
        notify(bucket, QueueConfiguration.builder().id("all").queueArn(STREAM_ARN)
                .events(Event.S3_OBJECT_CREATED, Event.S3_OBJECT_REMOVED).build());
        S3Client s3 = server.s3();
        String etag = s3.putObject(b -> b.bucket(bucket).key("in/a b+c.txt"), RequestBody.fromString("hello")).eTag();
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("in/a b+c.txt").destinationBucket(bucket).destinationKey("copy"));
        String upload = s3.createMultipartUpload(b -> b.bucket(bucket).key("mp")).uploadId();
        String part = s3.uploadPart(b -> b.bucket(bucket).key("mp").uploadId(upload).partNumber(1),
                RequestBody.fromString("part")).eTag();
        s3.completeMultipartUpload(b -> b.bucket(bucket).key("mp").uploadId(upload)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(part).build())));
        s3.deleteObject(b -> b.bucket(bucket).key("copy"));
        s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(o -> o.key("mp"))));
        s3.deleteObject(b -> b.bucket(bucket).key("never-there")); // nothing removed: no event

        List<JsonNode> got = await(() -> forBucket(stream(redis, "coffer-events"), bucket), l -> l.size() >= 5,
                "five events of " + bucket);
        assertThat(got).extracting(r -> r.get("eventName").asString() + " " + r.get("s3").get("object").get("key").asString())
                .containsExactly("ObjectCreated:Put in/a+b%2Bc.txt", "ObjectCreated:Copy copy",
                        "ObjectCreated:CompleteMultipartUpload mp", "ObjectRemoved:Delete copy", "ObjectRemoved:Delete mp");
        JsonNode put = got.get(0);
        assertThat(put.get("eventVersion").asString()).isEqualTo("2.1");
        assertThat(put.get("eventSource").asString()).isEqualTo("aws:s3");
        assertThat(put.get("awsRegion").asString()).isEqualTo(CofferServer.REGION.id());
        assertThat(put.get("eventTime").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(put.get("s3").get("bucket").get("arn").asString()).isEqualTo("arn:aws:s3:::" + bucket);
        assertThat(put.get("s3").get("configurationId").asString()).isEqualTo("all");
        assertThat(put.get("s3").get("object").get("size").asLong()).isEqualTo(5);
        assertThat("\"" + put.get("s3").get("object").get("eTag").asString() + "\"").isEqualTo(etag);
        assertThat(put.get("s3").get("object").get("sequencer").asString()).matches("[0-9A-F]{16}");
        assertThat(put.get("userIdentity").get("principalId").asString()).startsWith("AWS:");
        assertThat(put.get("requestParameters").get("sourceIPAddress").asString()).isEqualTo("127.0.0.1");
        assertThat(put.get("responseElements").get("x-amz-request-id").asString()).isNotEmpty();
        assertThat(got.get(3).get("s3").get("object").has("size")).isFalse();

        // A versioned bucket: a delete without a version id makes a delete marker, with its version id.
        String versioned = server.createVersionedBucket("notify-markers");
        notify(versioned, QueueConfiguration.builder().queueArn(STREAM_ARN).events(Event.S3_OBJECT_REMOVED).build());
        s3.putObject(b -> b.bucket(versioned).key("k"), RequestBody.fromString("v1"));
        String marker = s3.deleteObject(b -> b.bucket(versioned).key("k")).versionId();
        List<JsonNode> markers = await(() -> forBucket(stream(redis, "coffer-events"), versioned), l -> !l.isEmpty(),
                "the delete marker's event");
        assertThat(markers.get(0).get("eventName").asString()).isEqualTo("ObjectRemoved:DeleteMarkerCreated");
        assertThat(markers.get(0).get("s3").get("object").get("versionId").asString()).isEqualTo(marker);
    }

    @Test
    @Timeout(200) // about 10 s each on an idle machine; the bound is for a loaded one
    void filtersChooseTheKeysAndAListTargetGetsLpush() throws Exception {
        String bucket = server.createBucket("notify-filter");
        notify(bucket, QueueConfiguration.builder().queueArn(LIST_ARN).events(Event.S3_OBJECT_CREATED_PUT)
                .filter(f -> f.key(k -> k.filterRules(r -> r.name(FilterRuleName.PREFIX).value("photos/"),
                        r -> r.name(FilterRuleName.SUFFIX).value(".jpg")))).build());
        for (String key : List.of("photos/a.jpg", "photos/b.png", "docs/c.jpg", "photos/d.jpg")) {
            server.s3().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(key));
        }
        server.s3().deleteObject(b -> b.bucket(bucket).key("photos/a.jpg")); // not a configured event
        // LPUSH: newest first.
        List<JsonNode> got = await(() -> forBucket(records(redis.cli("LRANGE", "coffer-list", "0", "-1")), bucket),
                l -> l.size() >= 2, "two list events");
        Thread.sleep(500); // nothing else arrives
        got = forBucket(records(redis.cli("LRANGE", "coffer-list", "0", "-1")), bucket);
        assertThat(got).extracting(r -> r.get("s3").get("object").get("key").asString())
                .containsExactly("photos/d.jpg", "photos/a.jpg");
    }

    @Test
    @Timeout(200) // about 10 s each on an idle machine; the bound is for a loaded one
    void aWebhookGetsEachEventPostedWithTheBearerTokenAndAnHmacSignature() throws Exception {
        String bucket = server.createBucket("notify-hook");
        notify(bucket, QueueConfiguration.builder().queueArn(HOOK_ARN).events(Event.S3_OBJECT_CREATED).build());
        server.s3().putObject(b -> b.bucket(bucket).key("x"), RequestBody.fromString("x"));
        WebhookReceiver.Received r = await(() -> hook.received().stream()
                        .filter(h -> h.body().contains("\"" + bucket + "\"")).toList(), l -> !l.isEmpty(), "the webhook POST")
                .get(0);
        assertThat(r.header("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        assertThat(r.header("X-Coffer-Signature"))
                .isEqualTo("sha256=" + HexFormat.of().formatHex(mac.doFinal(r.body().getBytes(StandardCharsets.UTF_8))));
        assertThat(JSON.readTree(r.body()).get("Records").get(0).get("eventName").asString()).isEqualTo("ObjectCreated:Put");
    }

    @Test
    @Timeout(200) // about 10 s each on an idle machine; the bound is for a loaded one
    void aTargetDownKeepsItsBacklogAndGetsItInOrderOnceBackWithMetrics() throws Exception {
        String bucket = server.createBucket("notify-down");
        notify(bucket, QueueConfiguration.builder().queueArn(HOOK_ARN).events(Event.S3_OBJECT_CREATED).build());
        hook.failing(true);
        try {
            for (int i = 1; i <= 5; i++) {
                int n = i;
                server.s3().putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("v".repeat(n)));
            }
            await(hook::refused, n -> n >= 2, "two refused attempts (retried with backoff)");
            // The gauge is recounted at each attempt: the one after the fifth PUT says 5.
            await(() -> metric("coffer_notifications_backlog{target=\"" + HOOK_ARN + "\"}"), v -> v == 5, "a backlog of 5");
            assertThat(metric("coffer_notifications_failed_total{target=\"" + HOOK_ARN + "\"}")).isGreaterThanOrEqualTo(2);
            assertThat(metric("coffer_notifications_lag_seconds{target=\"" + HOOK_ARN + "\"}")).isGreaterThanOrEqualTo(0);
        } finally {
            hook.failing(false);
        }
        List<JsonNode> got = await(() -> hook.received().stream().filter(h -> h.body().contains("\"" + bucket + "\""))
                .map(h -> JSON.readTree(h.body()).get("Records").get(0)).toList(), l -> l.size() >= 5, "the backlog");
        assertThat(got).extracting(r -> r.get("s3").get("object").get("size").asLong()).containsExactly(1L, 2L, 3L, 4L, 5L);
        List<String> sequencers = got.stream().map(r -> r.get("s3").get("object").get("sequencer").asString()).toList();
        assertThat(sequencers).isSorted();
        assertThat(metric("coffer_notifications_retried_total{target=\"" + HOOK_ARN + "\"}")).isGreaterThanOrEqualTo(1);
        await(() -> metric("coffer_notifications_backlog{target=\"" + HOOK_ARN + "\"}"), v -> v == 0, "an empty backlog");

        // Redis stopped for a while, then started again: its events wait, then arrive in order.
        String other = server.createBucket("notify-redis-down");
        notify(other, QueueConfiguration.builder().queueArn(STREAM_ARN).events(Event.S3_OBJECT_CREATED).build());
        redis.stop();
        try {
            for (int i = 1; i <= 3; i++) {
                int n = i;
                server.s3().putObject(b -> b.bucket(other).key("k"), RequestBody.fromString("r".repeat(n)));
            }
            await(() -> metric("coffer_notifications_failed_total{target=\"" + STREAM_ARN + "\"}"), v -> v >= 1,
                    "a failed attempt at the stopped Redis");
        } finally {
            redis.startAgain();
        }
        List<JsonNode> drained = await(() -> forBucket(stream(redis, "coffer-events"), other), l -> l.size() >= 3,
                "the Redis backlog");
        assertThat(drained).extracting(r -> r.get("s3").get("object").get("size").asLong()).containsExactly(1L, 2L, 3L);
    }

    @Test
    @Timeout(200) // about 10 s each on an idle machine; the bound is for a loaded one
    void aBucketConfiguredWithTheAwsCliSendsToRedisAndToAWebhook() throws Exception {
        dev.coffer.compat.support.AwsCli.require();
        Path dir = Files.createTempDirectory("coffer-notify-cli-");
        dev.coffer.compat.support.AwsCli aws = new dev.coffer.compat.support.AwsCli(server, dir);
        String bucket = server.createBucket("notify-cli");
        aws.run("s3api", "put-bucket-notification-configuration", "--bucket", bucket, "--notification-configuration",
                "{\"QueueConfigurations\": [{\"Id\": \"r\", \"QueueArn\": \"" + STREAM_ARN + "\", "
                        + "\"Events\": [\"s3:ObjectCreated:*\"]}], "
                        + "\"TopicConfigurations\": [{\"Id\": \"w\", \"TopicArn\": \"" + HOOK_ARN + "\", "
                        + "\"Events\": [\"s3:ObjectRemoved:*\"]}]}");
        assertThat(aws.run("s3api", "get-bucket-notification-configuration", "--bucket", bucket, "--output", "json"))
                .contains(STREAM_ARN).contains(HOOK_ARN);
        Path file = Files.writeString(dir.resolve("f.txt"), "from the CLI");
        aws.run("s3", "cp", file.toString(), "s3://" + bucket + "/cli.txt");
        aws.run("s3", "rm", "s3://" + bucket + "/cli.txt");
        assertThat(await(() -> forBucket(stream(redis, "coffer-events"), bucket), l -> !l.isEmpty(), "the Redis event")
                .get(0).get("eventName").asString()).isEqualTo("ObjectCreated:Put");
        assertThat(await(() -> hook.received().stream().filter(h -> h.body().contains("\"" + bucket + "\"")).toList(),
                l -> !l.isEmpty(), "the webhook event").get(0).body()).contains("\"eventName\":\"ObjectRemoved:Delete\"");
    }

    @Test
    @Timeout(240)
    void aKillNineBetweenCommitAndDeliveryLosesNoEvent() throws Exception {
        Tools.require(Files.isRegularFile(KillableServer.JAR), "the packaged server " + KillableServer.JAR.toAbsolutePath(),
                "mvn verify packages it before the ITs; alone: mvn -DskipTests package");
        Path dir = Files.createTempDirectory("coffer-notify-kill-");
        Path data = dir.resolve("data");
        Path log = dir.resolve("server.log");
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String[] settings = {"--coffer.notifications.interval=100ms", "--coffer.notifications.retry-min=200ms",
                    "--coffer.notifications.retry-max=500ms", "--coffer.notifications.targets.k.type=webhook",
                    "--coffer.notifications.targets.k.uri=" + receiver.url()};
            receiver.failing(true); // committed, not delivered
            try (KillableServer first = KillableServer.start(data, log, settings);
                    S3Client s3 = client(first.endpoint())) {
                s3.createBucket(b -> b.bucket("killed"));
                s3.putBucketNotificationConfiguration(b -> b.bucket("killed").notificationConfiguration(c -> c
                        .queueConfigurations(q -> q.queueArn("arn:coffer:sqs::k:webhook").events(Event.S3_OBJECT_CREATED))));
                for (int i = 0; i < 4; i++) {
                    int n = i;
                    s3.putObject(b -> b.bucket("killed").key("k" + n), RequestBody.fromString("x"));
                }
                await(receiver::refused, n -> n >= 1, "a refused delivery");
                first.killNow();
            }
            receiver.failing(false);
            try (KillableServer second = KillableServer.start(data, log, settings)) {
                List<String> keys = await(() -> receiver.received().stream()
                                .map(h -> JSON.readTree(h.body()).get("Records").get(0).get("s3").get("object").get("key")
                                        .asString()).distinct().toList(),
                        l -> l.size() >= 4, "the four events after the restart");
                assertThat(keys).containsExactly("k0", "k1", "k2", "k3");
            }
        }
    }

    private static S3Client client(URI endpoint) {
        return S3Client.builder().endpointOverride(endpoint).region(CofferServer.REGION)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(CofferServer.ACCESS_KEY, CofferServer.SECRET_KEY)))
                .forcePathStyle(true).build();
    }

    private static double metric(String series) {
        return Metrics.value(server, series);
    }
}

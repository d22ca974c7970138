package dev.coffer.compat;

import static dev.coffer.compat.support.Awaits.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.RedisServer;
import dev.coffer.compat.support.TestData;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.BucketLifecycleConfiguration;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.LifecycleRuleFilter;
import software.amazon.awssdk.services.s3.model.QueueConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The event kinds {@link BucketNotificationIT} leaves aside, to a real {@code redis-server}: the
 * versions lifecycle removes for good (a noncurrent version, an expired delete marker) are
 * {@code s3:LifecycleExpiration:Delete} from {@code CofferLifecycle}, as S3 reports them, never
 * {@code ObjectRemoved:Delete}; a browser-form POST upload is {@code ObjectCreated:Post}; a target in
 * {@code publish} mode reaches a {@code SUBSCRIBE}d client. The lifecycle "day" is 2 seconds.
 */
class NotificationEventsIT {
    private static final String STREAM_ARN = "arn:coffer:sqs::red:redis";
    private static final String PUBLISH_ARN = "arn:coffer:sqs::pub:redis";
    private static final String STREAM = "coffer-more-events";
    private static final String CHANNEL = "coffer-channel";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static CofferServer server;
    private static RedisServer redis;

    @BeforeAll
    @Timeout(300) // a server of its own starts slowly on a loaded machine
    static void start() {
        redis = RedisServer.start();
        server = CofferServer.startInProcess("--coffer.jobs.day-seconds=2", "--coffer.gc-interval=300ms",
                "--coffer.notifications.interval=100ms", "--coffer.notifications.retry-min=200ms",
                "--coffer.notifications.targets.red.type=redis",
                "--coffer.notifications.targets.red.uri=" + redis.uri(),
                "--coffer.notifications.targets.red.redis-mode=stream",
                "--coffer.notifications.targets.red.redis-key=" + STREAM,
                "--coffer.notifications.targets.pub.type=redis",
                "--coffer.notifications.targets.pub.uri=" + redis.uri(),
                "--coffer.notifications.targets.pub.redis-mode=publish",
                "--coffer.notifications.targets.pub.redis-key=" + CHANNEL);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.close();
        if (redis != null) redis.close();
    }

    /** The bucket's event records in the stream (XRANGE), oldest first. */
    private static List<JsonNode> events(String bucket) {
        List<JsonNode> out = new ArrayList<>();
        for (String line : redis.cli("XRANGE", STREAM, "-", "+").split("\n")) {
            if (!line.startsWith("{")) continue;
            JsonNode record = JSON.readTree(line).get("Records").get(0);
            if (record.get("s3").get("bucket").get("name").asString().equals(bucket)) out.add(record);
        }
        return out;
    }

    private static List<String> names(List<JsonNode> records) {
        return records.stream().map(r -> r.get("eventName").asString() + " " + r.get("s3").get("object").get("key").asString())
                .toList();
    }

    private static void notify(String bucket, String arn, String... events) {
        server.s3().putBucketNotificationConfiguration(b -> b.bucket(bucket).notificationConfiguration(c -> c
                .queueConfigurations(QueueConfiguration.builder().id("all").queueArn(arn).eventsWithStrings(events).build())));
    }

    @Test
    @Timeout(200)
    void versionsLifecycleRemovesAreLifecycleExpirationDeletes() throws Exception {
        String bucket = server.createVersionedBucket("notify-lc");
        notify(bucket, STREAM_ARN, "s3:ObjectRemoved:*", "s3:LifecycleExpiration:*");
        server.s3().putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("v1"));
        server.s3().putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("v2"));
        server.s3().putObject(b -> b.bucket(bucket).key("m"), RequestBody.fromString("m"));
        server.s3().deleteObject(b -> b.bucket(bucket).key("m")); // a request: ObjectRemoved:DeleteMarkerCreated
        server.s3().putBucketLifecycleConfiguration(b -> b.bucket(bucket).lifecycleConfiguration(
                BucketLifecycleConfiguration.builder().rules(LifecycleRule.builder().id("old").status(ExpirationStatus.ENABLED)
                        .filter(LifecycleRuleFilter.builder().prefix("").build())
                        .noncurrentVersionExpiration(n -> n.noncurrentDays(1))
                        .expiration(e -> e.expiredObjectDeleteMarker(true)).build()).build()));
        // k's old version, m's version, then m's delete marker once it stands alone.
        List<JsonNode> got = await(() -> events(bucket), l -> l.size() >= 4, "four events of " + bucket);
        assertThat(names(got)).containsExactlyInAnyOrder("ObjectRemoved:DeleteMarkerCreated m",
                "LifecycleExpiration:Delete k", "LifecycleExpiration:Delete m", "LifecycleExpiration:Delete m");
        got.stream().filter(r -> r.get("eventName").asString().startsWith("Lifecycle")).forEach(r ->
                assertThat(r.get("userIdentity").get("principalId").asString()).isEqualTo("CofferLifecycle"));
        assertThat(server.s3().listObjectVersions(b -> b.bucket(bucket)).versions()).hasSize(1);
        assertThat(server.s3().listObjectVersions(b -> b.bucket(bucket)).deleteMarkers()).isEmpty();
    }

    @Test
    @Timeout(200)
    void aPostFormUploadIsObjectCreatedPost() throws Exception {
        String bucket = server.createBucket("notify-post");
        notify(bucket, STREAM_ARN, "s3:ObjectCreated:*");
        HttpResponse<byte[]> posted = PostObjectIT.Form.v4(server, bucket, "forms/upload.txt",
                List.of("{\"key\": \"forms/upload.txt\"}")).post("upload.txt", TestData.utf8("posted"));
        assertThat(posted.statusCode()).as(new String(posted.body(), StandardCharsets.UTF_8)).isEqualTo(204);
        List<JsonNode> got = await(() -> events(bucket), l -> !l.isEmpty(), "the POST's event");
        assertThat(names(got)).containsExactly("ObjectCreated:Post forms/upload.txt");
        assertThat(got.get(0).get("s3").get("object").get("size").asLong()).isEqualTo(6);
        assertThat(got.get(0).get("userIdentity").get("principalId").asString()).startsWith("AWS:");
    }

    @Test
    @Timeout(200)
    void aPublishTargetReachesASubscribedClient() throws Exception {
        Process subscriber = new ProcessBuilder("redis-cli", "-h", "127.0.0.1", "-p", String.valueOf(redis.port()),
                "SUBSCRIBE", CHANNEL).redirectErrorStream(true).start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(subscriber.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) lines.add(line);
            } catch (java.io.IOException ended) {
                // the subscriber was stopped
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            await(() -> redis.cli("PUBSUB", "NUMSUB", CHANNEL), out -> out.trim().endsWith("1"), "the subscription");
            String bucket = server.createBucket("notify-pub");
            notify(bucket, PUBLISH_ARN, "s3:ObjectCreated:Put");
            server.s3().putObject(b -> b.bucket(bucket).key("published"), RequestBody.fromString("p"));
            JsonNode record = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (record == null && System.nanoTime() < deadline) {
                String line = lines.poll(1, TimeUnit.SECONDS);
                if (line != null && line.startsWith("{")) record = JSON.readTree(line).get("Records").get(0);
            }
            assertThat(record).as("a message on " + CHANNEL).isNotNull();
            assertThat(record.get("eventName").asString()).isEqualTo("ObjectCreated:Put");
            assertThat(record.get("s3").get("bucket").get("name").asString()).isEqualTo(bucket);
            assertThat(record.get("s3").get("object").get("key").asString()).isEqualTo("published");
        } finally {
            subscriber.destroy();
            subscriber.waitFor(10, TimeUnit.SECONDS);
        }
    }
}

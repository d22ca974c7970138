package dev.coffer.compat;

import static dev.coffer.compat.support.Awaits.await;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.Metrics;
import dev.coffer.compat.support.RedisServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.Event;
import software.amazon.awssdk.services.s3.model.QueueConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bound of a target's backlog (docs/notifications.md, {@code coffer.notifications.max-backlog}):
 * with a real {@code redis-server} stopped, more events than the bound are written; the oldest past
 * the bound are dropped, counted by {@code coffer_notifications_dropped_total} and logged in one
 * line; once Redis is started again the kept (newest) events arrive, in order for each key.
 */
class NotificationBacklogIT {
    private static final String ARN = "arn:coffer:sqs::bounded:redis";
    private static final String STREAM = "coffer-bounded";
    private static final int BOUND = 5;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static CofferServer server;
    private static RedisServer redis;

    @BeforeAll
    @Timeout(300) // a server of its own starts slowly on a loaded machine
    static void start() {
        redis = RedisServer.start();
        server = CofferServer.startInProcess("--coffer.notifications.interval=100ms",
                "--coffer.notifications.retry-min=200ms", "--coffer.notifications.retry-max=1s",
                "--coffer.notifications.max-backlog=" + BOUND,
                "--coffer.notifications.targets.bounded.type=redis",
                "--coffer.notifications.targets.bounded.uri=" + redis.uri(),
                "--coffer.notifications.targets.bounded.redis-key=" + STREAM,
                "--coffer.notifications.targets.bounded.timeout=1s");
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.close();
        if (redis != null) redis.close();
    }

    @Test
    @Timeout(120) // about 10 s on an idle machine; the bound is for a loaded one
    void pastTheBoundTheOldestAreDroppedCountedAndLoggedAndTheNewestArriveInOrderPerKey() throws Exception {
        String bucket = server.createBucket("notify-bound");
        server.s3().putBucketNotificationConfiguration(b -> b.bucket(bucket).notificationConfiguration(c -> c
                .queueConfigurations(QueueConfiguration.builder().queueArn(ARN).events(Event.S3_OBJECT_CREATED).build())));
        Logger delivery = (Logger) LoggerFactory.getLogger("dev.coffer.api.notify.NotificationDelivery");
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        delivery.addAppender(logs);
        redis.stop();
        try {
            // Eight events, two keys taking turns; the size tells them apart: a=1, b=2, a=3, … b=8.
            for (int i = 1; i <= 2 * BOUND - 2; i++) {
                int n = i;
                server.s3().putObject(b -> b.bucket(bucket).key(n % 2 == 1 ? "a" : "b"), RequestBody.fromString("x".repeat(n)));
            }
            await(() -> metric("coffer_notifications_dropped_total{target=\"" + ARN + "\"}"), v -> v >= BOUND - 2,
                    "the three oldest dropped");
            assertThat(metric("coffer_notifications_dropped_total{target=\"" + ARN + "\"}")).isEqualTo(BOUND - 2);
            // The attempt that follows a drop fails once its timeout (1s) runs out.
            await(() -> metric("coffer_notifications_failed_total{target=\"" + ARN + "\"}"), v -> v >= 1,
                    "a failed attempt at the stopped Redis");
            await(() -> metric("coffer_notifications_backlog{target=\"" + ARN + "\"}"), v -> v == BOUND, "a backlog of the bound");
            List<String> lines = logs.list.stream().map(ILoggingEvent::getFormattedMessage)
                    .filter(m -> m.contains("max-backlog")).toList();
            assertThat(lines).isNotEmpty().allSatisfy(m -> assertThat(m).contains(ARN)
                    .contains("coffer.notifications.max-backlog=" + BOUND).contains("dropped the"));
        } finally {
            delivery.detachAppender(logs);
            redis.startAgain();
        }
        List<JsonNode> got = await(NotificationBacklogIT::events, l -> l.size() >= BOUND, "the kept backlog");
        Thread.sleep(500); // nothing else arrives
        got = events();
        assertThat(got).extracting(r -> r.get("s3").get("object").get("key").asString() + r.get("s3").get("object")
                .get("size").asLong()).containsExactly("b4", "a5", "b6", "a7", "b8");
        for (String key : List.of("a", "b")) {
            List<String> sequencers = got.stream().filter(r -> r.get("s3").get("object").get("key").asString().equals(key))
                    .map(r -> r.get("s3").get("object").get("sequencer").asString()).toList();
            assertThat(sequencers).as("sequencers of %s", key).isSorted();
        }
        await(() -> metric("coffer_notifications_backlog{target=\"" + ARN + "\"}"), v -> v == 0, "an empty backlog");
        assertThat(metric("coffer_notifications_delivered_total{target=\"" + ARN + "\"}")).isEqualTo(BOUND);
    }

    private static List<JsonNode> events() {
        List<JsonNode> out = new ArrayList<>();
        for (String line : redis.cli("XRANGE", STREAM, "-", "+").split("\n")) {
            if (line.startsWith("{")) out.add(JSON.readTree(line).get("Records").get(0));
        }
        return out;
    }

    private static double metric(String series) {
        return Metrics.value(server, series);
    }
}

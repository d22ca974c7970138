package dev.coffer.compat;

import static dev.coffer.compat.support.Awaits.await;
import static dev.coffer.compat.support.S3Assertions.assertS3Error;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.HandSigner;
import dev.coffer.compat.support.RedisServer;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.Event;
import software.amazon.awssdk.services.s3.model.QueueConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Targets added at run time through {@code /_coffer/admin/notifications/targets} (root only,
 * docs/notifications.md): one added for a real {@code redis-server} is named by a bucket's
 * configuration (AWS SDK v2) and gets the PUT's event; the listing never shows a password, token
 * or secret; a target of the settings cannot be changed there; a restart keeps the run-time target.
 */
class NotificationTargetsAdminIT {
    private static final String TARGETS = "/_coffer/admin/notifications/targets";
    private static final String STREAM = "admin-events";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String[] SETTINGS = {"--coffer.notifications.interval=100ms",
            "--coffer.notifications.retry-min=200ms", "--coffer.notifications.retry-max=1s",
            "--coffer.notifications.targets.fixed.type=webhook",
            "--coffer.notifications.targets.fixed.uri=http://127.0.0.1:9/fixed",
            "--coffer.notifications.targets.fixed.token=settings-token"};
    private static CofferServer server;
    private static RedisServer redis;

    @BeforeAll
    @Timeout(300) // a server of its own starts slowly on a loaded machine
    static void start() {
        redis = RedisServer.start();
        server = CofferServer.startInProcess(SETTINGS);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.close();
        if (redis != null) redis.close();
    }

    private static HttpResponse<byte[]> put(String id, Map<String, String> form) {
        String body = form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return server.raw().signed("PUT", TARGETS + "/" + id,
                Map.of("Content-Type", "application/x-www-form-urlencoded"), body.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static List<String> events(String bucket) {
        List<String> out = new ArrayList<>();
        for (String line : redis.cli("XRANGE", STREAM, "-", "+").split("\n")) {
            if (!line.startsWith("{")) continue;
            JsonNode r = JSON.readTree(line).get("Records").get(0);
            if (r.get("s3").get("bucket").get("name").asString().equals(bucket)) {
                out.add(r.get("eventName").asString() + " " + r.get("s3").get("object").get("key").asString());
            }
        }
        return out;
    }

    @Test
    void aFormTheRootsSignatureDoesNotCoverIsRefused() {
        // Whoever relays the root's request must not be able to point a target elsewhere: the form is
        // signed (its SHA-256 the payload hash), as AWS IAM's requests are.
        byte[] meant = "type=webhook&uri=http%3A%2F%2F127.0.0.1%3A9%2Fmeant".getBytes(StandardCharsets.UTF_8);
        byte[] swapped = "type=webhook&uri=http%3A%2F%2F127.0.0.1%3A9%2Fother".getBytes(StandardCharsets.UTF_8);
        Map<String, String> form = Map.of("Content-Type", "application/x-www-form-urlencoded");
        HttpResponse<byte[]> relayed = server.raw().signedWithBody("PUT", TARGETS + "/relayed", form, meant, swapped);
        assertThat(relayed.statusCode()).as(text(relayed)).isEqualTo(403);
        assertThat(text(relayed)).contains("AccessDenied");
        java.net.URI target = server.raw().uri(TARGETS + "/relayed");
        java.net.http.HttpRequest.Builder unsigned = java.net.http.HttpRequest.newBuilder(target)
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(swapped));
        HandSigner.header("PUT", target, form, "UNSIGNED-PAYLOAD").forEach((k, v) -> {
            if (!k.equals("host")) unsigned.header(k, v);
        });
        HttpResponse<byte[]> unsignedAnswer = server.raw().send(unsigned.build());
        assertThat(unsignedAnswer.statusCode()).as(text(unsignedAnswer)).isEqualTo(403);
        HttpResponse<byte[]> presigned = server.raw().send(java.net.http.HttpRequest.newBuilder(server.raw().presigned("PUT",
                TARGETS + "/relayed", java.time.Duration.ofMinutes(5))).header("Content-Type", form.get("Content-Type"))
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(swapped)).build());
        assertThat(presigned.statusCode()).as(text(presigned)).isEqualTo(403);
        assertThat(text(server.raw().signed("GET", TARGETS))).doesNotContain("relayed");
        // The body the root signed goes through.
        HttpResponse<byte[]> signed = server.raw().signed("PUT", TARGETS + "/relayed", form, meant);
        assertThat(signed.statusCode()).as(text(signed)).isEqualTo(200);
        assertThat(text(signed)).contains("http://127.0.0.1:9/meant");
        assertThat(server.raw().signed("DELETE", TARGETS + "/relayed").statusCode()).isEqualTo(204);
    }

    @Test
    void aFormOverItsBoundIsAClearRefusalSignedOrNot() {
        // The form is read before its signature can be checked: its bound must answer, not fail.
        byte[] big = ("type=webhook&uri=http%3A%2F%2F127.0.0.1%3A9%2Fbig&token=" + "x".repeat(70_000)).getBytes(StandardCharsets.UTF_8);
        Map<String, String> form = Map.of("Content-Type", "application/x-www-form-urlencoded");
        HttpResponse<byte[]> signed = server.raw().signed("PUT", TARGETS + "/big", form, big);
        assertThat(signed.statusCode()).as(text(signed)).isEqualTo(400);
        assertThat(text(signed)).contains("ValidationError").contains("larger than 65536 bytes");
        HttpResponse<byte[]> anonymous = server.raw().send(java.net.http.HttpRequest.newBuilder(server.raw().uri(TARGETS + "/big"))
                .header("Content-Type", form.get("Content-Type")).PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(big)).build());
        assertThat(anonymous.statusCode()).as(text(anonymous)).isEqualTo(400);
        assertThat(text(server.raw().signed("GET", TARGETS))).doesNotContain("/big");
    }

    @Test
    @Timeout(200) // about 15 s on an idle machine; the bound is for a loaded one
    void aTargetAddedAtRunTimeGetsEventsHidesItsSecretsAndSurvivesARestart() throws Exception {
        assertThat(server.raw().anonymous("GET", TARGETS).statusCode()).isEqualTo(403);
        assertThat(server.raw().anonymous("DELETE", TARGETS + "/live").statusCode()).isEqualTo(403);

        HttpResponse<byte[]> added = put("live", Map.of("type", "redis", "uri", redis.uri(), "redis-mode", "stream",
                "redis-key", STREAM));
        assertThat(added.statusCode()).as(text(added)).isEqualTo(200);
        assertThat(JSON.readTree(text(added)).get("Arn").asString()).isEqualTo("arn:coffer:sqs::live:redis");
        assertThat(put("hook", Map.of("type", "webhook", "uri", "http://app:hunter2@127.0.0.1:9/x", "token", "tok-123",
                "secret", "sig-456")).statusCode()).isEqualTo(200);
        HttpResponse<byte[]> clash = put("fixed", Map.of("type", "redis", "uri", redis.uri()));
        assertThat(clash.statusCode()).isEqualTo(409);
        assertThat(text(clash)).contains("DeclaredInSettings");
        assertThat(put("bad", Map.of("type", "sqs", "uri", redis.uri())).statusCode()).isEqualTo(400);
        assertThat(put("bad", Map.of("type", "redis", "uri", "http://127.0.0.1:9")).statusCode()).isEqualTo(400);
        assertThat(put("bad", Map.of("type", "redis", "uri", redis.uri(), "redis-mode", "queue")).statusCode()).isEqualTo(400);

        String listing = text(server.raw().signed("GET", TARGETS));
        assertThat(listing).doesNotContain("hunter2").doesNotContain("tok-123").doesNotContain("sig-456")
                .doesNotContain("settings-token");
        Map<String, JsonNode> byId = new java.util.TreeMap<>();
        JSON.readTree(listing).get("Targets").forEach(t -> byId.put(t.get("Id").asString(), t));
        assertThat(byId).containsOnlyKeys("fixed", "hook", "live");
        assertThat(byId.get("hook").get("Uri").asString()).isEqualTo("http://app:****@127.0.0.1:9/x");
        assertThat(byId.get("hook").get("HasToken").asBoolean()).isTrue();
        assertThat(byId.get("hook").get("HasSecret").asBoolean()).isTrue();
        assertThat(byId.get("fixed").get("Source").asString()).isEqualTo("settings");
        assertThat(byId.get("live").get("Source").asString()).isEqualTo("admin");
        assertThat(byId.get("live").get("RedisKey").asString()).isEqualTo(STREAM);

        String bucket = server.createBucket("admin-target");
        server.s3().putBucketNotificationConfiguration(b -> b.bucket(bucket).notificationConfiguration(c -> c
                .queueConfigurations(QueueConfiguration.builder().queueArn("arn:coffer:sqs::live:redis")
                        .events(Event.S3_OBJECT_CREATED).build())));
        server.s3().putObject(b -> b.bucket(bucket).key("first"), RequestBody.fromString("1"));
        assertThat(await(() -> events(bucket), l -> !l.isEmpty(), "the event in Redis"))
                .containsExactly("ObjectCreated:Put first");

        // Removed: gone from the listing, and no configuration can name it.
        assertThat(server.raw().signed("DELETE", TARGETS + "/hook").statusCode()).isEqualTo(204);
        assertThat(server.raw().signed("DELETE", TARGETS + "/hook").statusCode()).isEqualTo(404);
        assertThat(server.raw().signed("DELETE", TARGETS + "/fixed").statusCode()).isEqualTo(409);
        String other = server.createBucket("admin-removed");
        assertS3Error(400, "InvalidArgument", () -> server.s3().putBucketNotificationConfiguration(b -> b.bucket(other)
                .notificationConfiguration(c -> c.queueConfigurations(QueueConfiguration.builder()
                        .queueArn("arn:coffer:sqs::hook:webhook").events(Event.S3_OBJECT_CREATED).build()))));

        // A restart keeps the run-time target (it is in the catalogue) and its bucket's configuration.
        server = server.stopForRestart().start(SETTINGS);
        JsonNode after = JSON.readTree(text(server.raw().signed("GET", TARGETS))).get("Targets");
        List<String> ids = new ArrayList<>();
        after.forEach(t -> ids.add(t.get("Id").asString()));
        assertThat(ids).containsExactly("fixed", "live");
        server.s3().putObject(b -> b.bucket(bucket).key("second"), RequestBody.fromString("2"));
        assertThat(await(() -> events(bucket), l -> l.size() >= 2, "the event after the restart"))
                .containsExactly("ObjectCreated:Put first", "ObjectCreated:Put second");
    }
}

package dev.coffer.api.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.api.notify.NotificationProperties.TargetProperties;
import dev.coffer.metadata.Catalog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Run-time targets in a real catalogue: kept by command 67 across a reopen, settings winning on an
 * id in both, the form checked as a declared target is, and the listing without secrets.
 */
class NotificationTargetsTest {
    @TempDir
    Path dir;

    private static NotificationProperties settings(Map<String, TargetProperties> targets) {
        return new NotificationProperties(targets, 100000, Duration.ofMillis(200), 100, Duration.ofMillis(500),
                Duration.ofSeconds(30));
    }

    private static TargetProperties redis(String uri) {
        return new TargetProperties("redis", uri, "list", "k", 10, null, null, Duration.ofSeconds(2));
    }

    @Test
    void aRunTimeTargetIsKeptAcrossAReopenAndTheSettingsWinOnTheSameId() {
        NotificationProperties props = settings(Map.of("both", redis("redis://127.0.0.1:1/0")));
        try (Catalog catalog = Catalog.open(dir, false)) {
            NotificationTargets targets = new NotificationTargets(props, catalog);
            targets.put("live", new TargetProperties("webhook", "http://h/x", "stream", "coffer-events", 5, "tok", "sec",
                    Duration.ofMillis(1500)));
            targets.put("both", new TargetProperties("webhook", "http://h/y", "stream", "coffer-events", 5, null, null,
                    Duration.ofSeconds(1)));
        }
        try (Catalog catalog = Catalog.open(dir, false)) {
            NotificationTargets targets = new NotificationTargets(props, catalog);
            assertThat(targets.get("live")).contains(new TargetProperties("webhook", "http://h/x", "stream",
                    "coffer-events", 5, "tok", "sec", Duration.ofMillis(1500)));
            assertThat(targets.all().get("both").source()).isEqualTo(NotificationTargets.Source.SETTINGS);
            assertThat(targets.declares(new TargetArn("both", "redis"))).isTrue();
            assertThat(targets.declares(new TargetArn("both", "webhook"))).isFalse();
            assertThat(targets.declares(new TargetArn("live", "webhook"))).isTrue();
            assertThat(targets.remove("live")).isTrue();
            assertThat(targets.remove("live")).isFalse();
            assertThat(targets.get("live")).isEmpty();
            assertThat(targets.all()).containsOnlyKeys("both");
        }
    }

    @Test
    void theFormIsCheckedAsADeclaredTargetIs() {
        TargetProperties t = TargetsEndpoint.parse("r", Map.of("type", "REDIS", "uri", "rediss://u:p@h:6380/2",
                "redis-mode", "publish", "redis-key", "ch", "timeout", "750ms"));
        assertThat(t).isEqualTo(new TargetProperties("redis", "rediss://u:p@h:6380/2", "publish", "ch", 100000, null, null,
                Duration.ofMillis(750)));
        assertThatThrownBy(() -> TargetsEndpoint.parse("r", Map.of("type", "sqs", "uri", "redis://h")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TargetsEndpoint.parse("r", Map.of("type", "redis")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TargetsEndpoint.parse("r", Map.of("type", "redis", "uri", "redis://h", "redis-mode", "queue")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TargetsEndpoint.parse("w", Map.of("type", "webhook", "uri", "ftp://h/x")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TargetsEndpoint.parse("w", Map.of("type", "webhook", "uri", "http://h", "timeout", "soon")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aListedTargetShowsNoPasswordTokenOrSecret() {
        assertThat(TargetsEndpoint.redacted("redis://user:pw@h:6379/0")).isEqualTo("redis://user:****@h:6379/0");
        assertThat(TargetsEndpoint.redacted("redis://:pw@h:6379/0")).isEqualTo("redis://:****@h:6379/0");
        assertThat(TargetsEndpoint.redacted("redis://h:6379/0")).isEqualTo("redis://h:6379/0");
        assertThat(TargetsEndpoint.redacted("http://h/path@x")).isEqualTo("http://h/path@x");
        String entry = TargetsEndpoint.entry(new NotificationTargets.Declared("w", new TargetProperties("webhook",
                "https://a:secretpw@h/x", "stream", "coffer-events", 1, "tok-1", "sec-1", Duration.ofSeconds(1)),
                NotificationTargets.Source.ADMIN));
        assertThat(entry).doesNotContain("secretpw").doesNotContain("tok-1").doesNotContain("sec-1")
                .contains("\"Arn\":\"arn:coffer:sqs::w:webhook\"").contains("\"HasToken\":true").contains("\"Source\":\"admin\"");
    }
}

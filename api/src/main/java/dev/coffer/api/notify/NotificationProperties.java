package dev.coffer.api.notify;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of event notifications ({@code coffer.notifications.*}; docs/notifications.md). Targets
 * are declared here by the operator and named in a bucket's configuration by the ARN
 * {@code arn:coffer:sqs::<id>:<type>}.
 *
 * @param targets the declared targets by id ({@code coffer.notifications.targets.<id>.*})
 * @param maxBacklog events kept per target while it cannot be reached; past it the oldest are
 *     dropped, counted ({@code coffer_notifications_dropped_total}) and logged
 * @param interval how often the delivery job looks for events when it is idle
 * @param batch events read from the outbox per step
 * @param retryMin the first wait after a failed delivery; doubled at each failure in a row
 * @param retryMax the longest wait between two attempts at a target that is down
 */
@ConfigurationProperties("coffer.notifications")
public record NotificationProperties(
        Map<String, TargetProperties> targets,
        @DefaultValue("100000") long maxBacklog,
        @DefaultValue("200ms") Duration interval,
        @DefaultValue("100") int batch,
        @DefaultValue("500ms") Duration retryMin,
        @DefaultValue("30s") Duration retryMax) {

    public NotificationProperties {
        targets = targets == null ? Map.of() : Map.copyOf(targets);
        if (maxBacklog < 1) throw new IllegalArgumentException("coffer.notifications.max-backlog must be at least 1");
        if (batch < 1) throw new IllegalArgumentException("coffer.notifications.batch must be at least 1");
    }

    /** Whether {@code arn} names a declared target of that id and type. */
    public boolean declares(TargetArn arn) {
        TargetProperties t = targets.get(arn.id());
        return t != null && t.type() != null && t.type().equalsIgnoreCase(arn.type());
    }

    /**
     * One target.
     *
     * @param type {@code redis} or {@code webhook}
     * @param uri {@code redis://[user:password@]host:port/db}, {@code rediss://…}, or the webhook's URL
     * @param redisMode {@code stream} (XADD with a MAXLEN bound), {@code list} (LPUSH) or {@code publish}
     * @param redisKey the stream, list or channel
     * @param redisMaxlen the stream's approximate MAXLEN bound
     * @param token the webhook's bearer token (sent as {@code Authorization: Bearer …}), or none
     * @param secret the key of the webhook's {@code X-Coffer-Signature} HMAC-SHA256 over the body, or none
     * @param timeout connect and response timeout of one delivery
     */
    public record TargetProperties(
            String type,
            String uri,
            @DefaultValue("stream") String redisMode,
            @DefaultValue("coffer-events") String redisKey,
            @DefaultValue("100000") long redisMaxlen,
            String token,
            String secret,
            @DefaultValue("5s") Duration timeout) {}
}

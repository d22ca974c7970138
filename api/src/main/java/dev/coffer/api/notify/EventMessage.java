package dev.coffer.api.notify;

import dev.coffer.metadata.NotificationEvent;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * S3's event message structure, version 2.1, for one event: code written for S3 events parses it
 * unchanged. https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html
 */
public final class EventMessage {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private EventMessage() {}

    /** The JSON document {@code {"Records":[…]}} of one event, UTF-8. */
    public static byte[] of(NotificationEvent e, String region) {
        Map<String, Object> object = new LinkedHashMap<>();
        // S3 sends the key URL-encoded as a form value (a space is '+'), its slashes kept.
        object.put("key", URLEncoder.encode(e.objectKey(), StandardCharsets.UTF_8).replace("%2F", "/"));
        if (e.size() >= 0) object.put("size", e.size());
        if (e.etag() != null) object.put("eTag", unquoted(e.etag()));
        if (e.versionId() != null) object.put("versionId", e.versionId());
        object.put("sequencer", e.sequencer());

        Map<String, Object> bucket = new LinkedHashMap<>();
        bucket.put("name", e.bucket());
        bucket.put("ownerIdentity", Map.of("principalId", orEmpty(e.origin().principal())));
        bucket.put("arn", "arn:aws:s3:::" + e.bucket());

        Map<String, Object> s3 = new LinkedHashMap<>();
        s3.put("s3SchemaVersion", "1.0");
        s3.put("configurationId", e.ruleId());
        s3.put("bucket", bucket);
        s3.put("object", object);

        Map<String, Object> record = new LinkedHashMap<>();
        record.put("eventVersion", "2.1");
        record.put("eventSource", "aws:s3");
        record.put("awsRegion", region);
        record.put("eventTime", TIME.format(Instant.ofEpochMilli(e.millis())));
        record.put("eventName", e.eventName());
        record.put("userIdentity", Map.of("principalId", e.origin().principal() == null
                ? "CofferLifecycle" : e.origin().principal()));
        record.put("requestParameters", Map.of("sourceIPAddress", orEmpty(e.origin().sourceIp())));
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("x-amz-request-id", orEmpty(e.origin().requestId()));
        response.put("x-amz-id-2", orEmpty(e.origin().requestId()));
        record.put("responseElements", response);
        record.put("s3", s3);
        return JSON.writeValueAsBytes(Map.of("Records", List.of(record)));
    }

    private static String unquoted(String etag) {
        return etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"") ? etag.substring(1, etag.length() - 1)
                : etag;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}

package dev.coffer.api.http;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.metadata.ObjectRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import org.springframework.http.HttpHeaders;

/**
 * The headers stored with an object (Content-Type and friends, x-amz-meta-*): read from a PUT,
 * written on GET/HEAD, with the response-* query overrides S3 allows on a signed GET.
 */
public final class ObjectHeaders {
    /** Stored standard headers, in the order S3 returns them. */
    public static final List<String> STORED = List.of(
            "content-type", "content-encoding", "content-disposition", "content-language", "cache-control", "expires");
    /** The query parameters that override {@link #STORED} on a GET or HEAD, in the same order. */
    private static final List<String> OVERRIDES = STORED.stream().map(name -> "response-" + name).toList();
    private static final String META = "x-amz-meta-";
    /** S3's limit on the user-defined metadata of one object (names plus values, in bytes). */
    private static final int MAX_USER_METADATA = 2048;
    /** What S3 stores when a PUT names no Content-Type. */
    public static final String DEFAULT_CONTENT_TYPE = "binary/octet-stream";

    private ObjectHeaders() {}

    /** The stored standard headers of a write; aws-chunked is a transfer detail and is dropped from Content-Encoding. */
    public static Map<String, String> contentHeaders(HttpHeaders request) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : STORED) {
            String value = request.getFirst(name);
            if (name.equals("content-encoding") && value != null) value = withoutAwsChunked(value);
            if (value != null && !value.isEmpty()) out.put(name, HeaderText.decode(value));
        }
        out.putIfAbsent("content-type", DEFAULT_CONTENT_TYPE);
        return out;
    }

    /** x-amz-meta-* entries, names lower-cased without the prefix, values decoded to Unicode. */
    public static Map<String, String> userMetadata(HttpHeaders request) {
        Map<String, String> out = new LinkedHashMap<>();
        int total = 0;
        for (String name : request.headerNames()) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!lower.startsWith(META)) continue;
            String key = lower.substring(META.length());
            String value = HeaderText.decode(String.join(",", request.getValuesAsList(name)));
            total += key.length() + value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            out.put(key, value);
        }
        if (total > MAX_USER_METADATA) {
            throw S3Exception.of(S3ErrorCode.MetadataTooLarge).with("MaxSizeAllowed", Integer.toString(MAX_USER_METADATA));
        }
        return out;
    }

    /** Writes the object's stored headers, ETag, Last-Modified and metadata onto a GET/HEAD response. */
    public static void write(ObjectRecord record, Map<String, String> query, HttpHeaders response) {
        response.set(HttpHeaders.ETAG, ETags.quote(record.etag()));
        response.set(HttpHeaders.LAST_MODIFIED, HttpDates.format(record.lastModifiedMillis()));
        response.set(HttpHeaders.ACCEPT_RANGES, "bytes");
        record.contentHeaders().forEach((name, value) -> response.set(name, HeaderText.encode(value)));
        record.userMetadata().forEach((name, value) -> response.set(META + name, HeaderText.encode(value)));
        if (query.isEmpty()) return;
        for (int i = 0; i < STORED.size(); i++) {
            String override = query.get(OVERRIDES.get(i));
            if (override != null) response.set(STORED.get(i), HeaderText.encode(override));
        }
    }

    /**
     * Refuses response-* overrides on an anonymous GET or HEAD, as S3 does (GetObject, "Overriding
     * response header values through the request": they need a signed request; HeadObject takes
     * GetObject's options): otherwise anyone could have a public object served with a Content-Type
     * of their choosing, text/html say.
     */
    public static void checkOverridesAllowed(Map<String, String> query, boolean anonymous) {
        if (!anonymous || query.isEmpty()) return;
        for (String override : OVERRIDES) {
            if (query.containsKey(override)) {
                throw S3Exception.of(S3ErrorCode.InvalidRequest)
                        .withMessage("Request specific response headers cannot be used for anonymous GET requests.");
            }
        }
    }

    /** The stored flexible checksums as x-amz-checksum-* headers, with their type (FULL_OBJECT for single PUTs). */
    public static void writeChecksums(ObjectRecord record, HttpHeaders response) {
        record.checksums().forEach((algorithm, value) ->
                response.set("x-amz-checksum-" + algorithm.toLowerCase(Locale.ROOT), value));
        if (!record.checksums().isEmpty()) response.set("x-amz-checksum-type", "FULL_OBJECT");
    }

    /** {@code encoding} without its aws-chunked token, the other tokens spelled as the client sent them. */
    private static String withoutAwsChunked(String encoding) {
        StringJoiner kept = new StringJoiner(",");
        for (String part : encoding.split(",", -1)) {
            String p = part.trim();
            if (p.isEmpty() || p.equalsIgnoreCase("aws-chunked")) continue;
            kept.add(part);
        }
        return kept.toString().trim();
    }
}

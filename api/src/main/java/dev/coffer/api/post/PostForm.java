package dev.coffer.api.post;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpHeaders;

/**
 * The text fields of a browser POST form that precede the file, by lower-case name (S3 reads
 * field names in any case). Bounded: past {@link #MAX_FIELD_BYTES} the form is refused as S3
 * refuses it, so a form cannot make the server hold more than that before the file.
 */
final class PostForm {
    /** S3's limit on the form fields preceding the file. */
    static final int MAX_FIELD_BYTES = 20 * 1024;

    private final Map<String, String> fields = new LinkedHashMap<>();
    private int bytes;
    private boolean fileSeen;

    /** Adds a field; the first of two fields of one name wins. */
    void add(String name, String value) {
        bytes += name.length() + value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_FIELD_BYTES) throw S3Exception.of(S3ErrorCode.MaxPostPreDataLengthExceededError);
        fields.putIfAbsent(name.toLowerCase(Locale.ROOT), value);
    }

    /** Whether the file part has begun: every field after it is ignored. */
    boolean fileSeen() {
        return fileSeen;
    }

    void markFileSeen() {
        fileSeen = true;
    }

    String get(String name) {
        return fields.get(name);
    }

    /**
     * The key with {@code ${filename}} replaced by the file's name, and the fields as the policy
     * sees them (with that key). InvalidArgument when the form has no key.
     */
    String resolveKey(String filename) {
        String key = fields.get("key");
        if (key == null) {
            throw S3Exception.of(S3ErrorCode.InvalidArgument)
                    .withMessage("Bucket POST must contain a field named 'key'.  If it is specified, please check the order of the fields.")
                    .with("ArgumentName", "key").with("ArgumentValue", "");
        }
        String resolved = key.replace("${filename}", filename == null ? "" : baseName(filename));
        fields.put("key", resolved);
        if (resolved.isEmpty()) {
            throw S3Exception.of(S3ErrorCode.InvalidArgument).withMessage("User key must have a length greater than 0.")
                    .with("ArgumentName", "key").with("ArgumentValue", "");
        }
        return resolved;
    }

    Map<String, String> fields() {
        return Collections.unmodifiableMap(fields);
    }

    /** The fields under the names of the request headers they stand for: {@code acl} is x-amz-acl, {@code tagging} x-amz-tagging. */
    Map<String, String> asHeaderNames() {
        Map<String, String> named = new LinkedHashMap<>(fields);
        named.remove("acl");
        named.remove("tagging");
        if (fields.containsKey("acl")) named.put("x-amz-acl", fields.get("acl"));
        if (fields.containsKey("tagging")) named.put("x-amz-tagging", fields.get("tagging"));
        return named;
    }

    /** The fields as request headers, so the object's stored headers, metadata and checksum read as a PUT's. */
    HttpHeaders asHeaders() {
        HttpHeaders headers = new HttpHeaders();
        fields.forEach(headers::set);
        headers.remove("x-amz-trailer"); // a form has no trailer: its checksum, if any, is a field
        return headers;
    }

    /** Browsers of old sent the whole client path; S3 keeps what follows the last slash or backslash. */
    private static String baseName(String filename) {
        int cut = Math.max(filename.lastIndexOf('/'), filename.lastIndexOf('\\'));
        return filename.substring(cut + 1);
    }
}

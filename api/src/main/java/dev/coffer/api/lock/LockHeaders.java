package dev.coffer.api.lock;

import dev.coffer.api.checksum.ChecksumRequest;
import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.metadata.BucketRecord;
import dev.coffer.metadata.LegalHold;
import dev.coffer.metadata.ObjectRecord;
import dev.coffer.metadata.Retention;
import dev.coffer.metadata.RetentionMode;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.HttpHeaders;

/**
 * The Object Lock headers of a write (PutObject, CopyObject, CreateMultipartUpload, POST fields)
 * and of a read (GetObject, HeadObject, written by {@link LockVisibility}): {@code x-amz-object-lock-mode},
 * {@code x-amz-object-lock-retain-until-date}, {@code x-amz-object-lock-legal-hold}.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock-managing.html
 */
public final class LockHeaders {
    public static final String MODE = "x-amz-object-lock-mode";
    public static final String RETAIN_UNTIL = "x-amz-object-lock-retain-until-date";
    public static final String LEGAL_HOLD = "x-amz-object-lock-legal-hold";

    private LockHeaders() {}

    /** {@code attributes} (a write's other attributes, such as its tags) with the Object Lock ones added. */
    public static Map<String, byte[]> plus(Map<String, byte[]> attributes, Map<String, byte[]> lock) {
        if (lock.isEmpty()) return attributes;
        Map<String, byte[]> out = new TreeMap<>(attributes);
        out.putAll(lock);
        return out;
    }

    /** True when the write asks for a retention or a legal hold. */
    public static boolean present(HttpHeaders headers) {
        return headers.getFirst(MODE) != null || headers.getFirst(RETAIN_UNTIL) != null
                || headers.getFirst(LEGAL_HOLD) != null;
    }

    /**
     * The attributes a write asks for, validated as S3 validates them (both mode and date, or
     * neither; a known mode; a date in the future at {@code nowMillis}; ON or OFF); empty when it
     * asks for none.
     */
    public static Map<String, byte[]> attributes(HttpHeaders headers, long nowMillis) {
        return attributes(headers.getFirst(MODE), headers.getFirst(RETAIN_UNTIL), headers.getFirst(LEGAL_HOLD), nowMillis);
    }

    /** {@link #attributes(HttpHeaders, long)} from the three values (null when absent). */
    public static Map<String, byte[]> attributes(String mode, String until, String hold, long nowMillis) {
        Map<String, byte[]> out = new TreeMap<>();
        if ((mode == null) != (until == null)) {
            throw S3Exception.of(S3ErrorCode.InvalidArgument)
                    .withMessage("x-amz-object-lock-retain-until-date and x-amz-object-lock-mode must both be supplied");
        }
        if (mode != null) {
            out.put(Retention.ATTRIBUTE, new Retention(mode(mode.trim(), MODE), future(until, RETAIN_UNTIL, nowMillis)).encode());
        }
        if (hold != null) out.put(LegalHold.ATTRIBUTE, LegalHold.encode(legalHold(hold.trim())));
        return out;
    }

    /**
     * S3 demands Content-MD5 or a flexible checksum of a write that sets Object Lock parameters;
     * InvalidRequest otherwise.
     */
    public static void requireIntegrity(HttpHeaders headers) {
        if (!present(headers) || headers.getFirst("Content-MD5") != null || ChecksumRequest.from(headers).isPresent()) return;
        throw S3Exception.of(S3ErrorCode.InvalidRequest).withMessage(
                "Content-MD5 OR x-amz-checksum- HTTP header is required for Put Object requests with Object Lock parameters");
    }

    /** InvalidRequest when a write asks for Object Lock in a bucket without it. */
    public static void checkBucket(BucketRecord bucket, Map<String, byte[]> attributes) {
        if (!bucket.objectLock() && (attributes.containsKey(Retention.ATTRIBUTE) || attributes.containsKey(LegalHold.ATTRIBUTE))) {
            throw S3Exception.of(S3ErrorCode.InvalidRequest).withMessage("Bucket is missing Object Lock Configuration");
        }
    }

    public static Retention retention(ObjectRecord record) {
        return record.attribute(Retention.ATTRIBUTE).map(Retention::decode).orElse(null);
    }

    static RetentionMode mode(String value, String argumentName) {
        if (value.equals("GOVERNANCE")) return RetentionMode.GOVERNANCE;
        if (value.equals("COMPLIANCE")) return RetentionMode.COMPLIANCE;
        throw S3Exception.of(S3ErrorCode.InvalidArgument).withMessage("Unknown wormMode directive.")
                .with("ArgumentName", argumentName).with("ArgumentValue", value);
    }

    static long future(String value, String argumentName, long nowMillis) {
        long until = LockDates.parse(value, argumentName);
        if (until <= nowMillis) {
            throw S3Exception.of(S3ErrorCode.InvalidArgument).withMessage("The retain until date must be in the future!")
                    .with("ArgumentName", argumentName).with("ArgumentValue", value);
        }
        return until;
    }

    static boolean legalHold(String value) {
        if (value.equals("ON")) return true;
        if (value.equals("OFF")) return false;
        throw S3Exception.of(S3ErrorCode.InvalidArgument).withMessage("Legal Hold must be either of 'ON' or 'OFF'")
                .with("ArgumentName", LEGAL_HOLD).with("ArgumentValue", value);
    }
}

package dev.coffer.api.lock;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Retain-until dates as S3 writes and reads them: ISO 8601, written in UTC to the millisecond
 * ({@code 2030-01-01T00:00:00.000Z}), read with any fraction and any offset.
 */
public final class LockDates {
    private static final DateTimeFormatter WRITE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private LockDates() {}

    public static String format(long millis) {
        return WRITE.format(Instant.ofEpochMilli(millis));
    }

    /** The date as epoch millis; InvalidArgument when it is not an ISO 8601 date-time. */
    public static long parse(String value, String argumentName) {
        String v = value.trim();
        try {
            return OffsetDateTime.parse(v, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw S3Exception.of(S3ErrorCode.InvalidArgument).withMessage("The retain until date is not a valid ISO 8601 date.")
                    .with("ArgumentName", argumentName).with("ArgumentValue", value);
        }
    }
}

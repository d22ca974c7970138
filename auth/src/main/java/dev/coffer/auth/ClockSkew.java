package dev.coffer.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The 15 minutes S3 allows between a header-signed request's timestamp and its own clock, and the
 * time elements S3 adds to the errors about it and about expired presigned URLs.
 */
final class ClockSkew {
    static final Duration MAX_SKEW = Duration.ofMinutes(15);

    private ClockSkew() {}

    /** @param requestTime the request's date header as sent, echoed in {@code <RequestTime>} as S3 does */
    static void check(String requestTime, Instant signedAt, Clock clock) throws AuthException {
        Instant now = clock.instant();
        if (Duration.between(signedAt, now).abs().compareTo(MAX_SKEW) > 0) {
            Map<String, String> details = new LinkedHashMap<>();
            details.put("RequestTime", requestTime.trim());
            details.put("ServerTime", iso(now));
            details.put("MaxAllowedSkewMilliseconds", Long.toString(MAX_SKEW.toMillis()));
            throw new AuthException(AuthError.REQUEST_TIME_TOO_SKEWED,
                    "The difference between the request time and the current time is too large.", details);
        }
    }

    /**
     * S3's AccessDenied for an expired presigned URL: {@code X-Amz-Expires} (SigV4 only, as sent),
     * {@code Expires} (when the URL stopped being valid) and {@code ServerTime}.
     */
    static AuthException expired(String amzExpires, Instant expiredAt, Instant now) {
        Map<String, String> details = new LinkedHashMap<>();
        if (amzExpires != null) details.put("X-Amz-Expires", amzExpires);
        details.put("Expires", iso(expiredAt));
        details.put("ServerTime", iso(now));
        return new AuthException(AuthError.ACCESS_DENIED, "Request has expired", details);
    }

    /** {@code 2019-01-31T09:05:04Z}, the form of S3's {@code ServerTime}. */
    private static String iso(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}

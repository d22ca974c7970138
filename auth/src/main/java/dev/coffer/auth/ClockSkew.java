package dev.coffer.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** The 15 minutes S3 allows between a header-signed request's timestamp and its own clock. */
final class ClockSkew {
    static final Duration MAX_SKEW = Duration.ofMinutes(15);

    private ClockSkew() {}

    static void check(Instant signedAt, Clock clock) throws AuthException {
        Duration difference = Duration.between(signedAt, clock.instant()).abs();
        if (difference.compareTo(MAX_SKEW) > 0) {
            throw new AuthException(AuthError.REQUEST_TIME_TOO_SKEWED,
                    "The difference between the request time and the current time is too large.");
        }
    }
}

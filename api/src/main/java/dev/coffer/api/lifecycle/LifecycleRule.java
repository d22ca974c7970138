package dev.coffer.api.lifecycle;

import java.time.Instant;

/**
 * One validated lifecycle rule ({@link LifecycleRules#parse}); the actions Coffer enforces.
 *
 * @param expirationDays Expiration/Days of current versions, or null
 * @param expirationDate Expiration/Date (midnight UTC), or null
 * @param expiredObjectDeleteMarker Expiration/ExpiredObjectDeleteMarker
 * @param noncurrentDays NoncurrentVersionExpiration/NoncurrentDays, or null
 * @param newerNoncurrentVersions NoncurrentVersionExpiration/NewerNoncurrentVersions, or null
 * @param abortDays AbortIncompleteMultipartUpload/DaysAfterInitiation, or null
 */
public record LifecycleRule(String id, boolean enabled, RuleFilter filter, Integer expirationDays, Instant expirationDate,
                            boolean expiredObjectDeleteMarker, Integer noncurrentDays, Integer newerNoncurrentVersions,
                            Integer abortDays) {

    /** Whether the rule expires current versions (Days or Date). */
    public boolean expiresCurrent() {
        return expirationDays != null || expirationDate != null;
    }
}

package dev.coffer.metadata;

import java.util.Objects;

/**
 * An account (tenant): it owns buckets, IAM users and managed policies. {@code id} is the
 * 12-digit account id of ARNs; {@code canonicalId} the 64-hex canonical user id S3 shows as an
 * owner's ID. Both are chosen once, at creation, and never change (rotating keys changes nothing).
 */
public record AccountRecord(String id, String canonicalId, String displayName, long createdMillis) {
    public AccountRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(canonicalId, "canonicalId");
        Objects.requireNonNull(displayName, "displayName");
    }

    /** Whether a bucket's stored owner names this account (its id; buckets made before accounts name the canonical id). */
    public boolean owns(BucketRecord bucket) {
        return id.equals(bucket.owner()) || canonicalId.equals(bucket.owner());
    }
}

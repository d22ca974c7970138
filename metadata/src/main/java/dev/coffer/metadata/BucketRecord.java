package dev.coffer.metadata;

import java.util.Objects;

/**
 * What the catalogue knows of one bucket. {@code region} is the LocationConstraint given at
 * creation; {@code versioning} is the bucket's versioning state; {@code objectLock} says Object
 * Lock is enabled (for good: S3 never disables it, and the bucket's versioning stays Enabled),
 * and {@code defaultRetention} is its default rule, or null when it has none. The applier
 * enforces both ({@link ObjectLockRules}), which is why they live here and not as opaque bytes.
 */
public record BucketRecord(String name, long createdMillis, String region, String owner, Versioning versioning,
                           boolean objectLock, DefaultRetention defaultRetention) {

    public BucketRecord {
        Objects.requireNonNull(versioning, "versioning");
        if (defaultRetention != null && !objectLock) {
            throw new IllegalArgumentException("a default retention needs Object Lock enabled");
        }
    }

    /** A bucket as created: unversioned. */
    public BucketRecord(String name, long createdMillis, String region, String owner) {
        this(name, createdMillis, region, owner, Versioning.UNVERSIONED);
    }

    public BucketRecord(String name, long createdMillis, String region, String owner, Versioning versioning) {
        this(name, createdMillis, region, owner, versioning, false, null);
    }

    /** A bucket created with x-amz-bucket-object-lock-enabled: versioning on, lock on, no default rule. */
    public static BucketRecord lockEnabled(String name, long createdMillis, String region, String owner) {
        return new BucketRecord(name, createdMillis, region, owner, Versioning.ENABLED, true, null);
    }

    public BucketRecord withVersioning(Versioning state) {
        return new BucketRecord(name, createdMillis, region, owner, state, objectLock, defaultRetention);
    }

    /** This bucket with Object Lock enabled and {@code rule} (null: none) as its default retention. */
    public BucketRecord withObjectLock(DefaultRetention rule) {
        return new BucketRecord(name, createdMillis, region, owner, versioning, true, rule);
    }
}

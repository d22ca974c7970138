package dev.coffer.metadata;

import java.util.Objects;

/**
 * What the catalogue knows of one bucket. {@code region} is the LocationConstraint given at
 * creation; {@code versioning} is the bucket's versioning state.
 */
public record BucketRecord(String name, long createdMillis, String region, String owner, Versioning versioning) {

    public BucketRecord {
        Objects.requireNonNull(versioning, "versioning");
    }

    /** A bucket as created: unversioned. */
    public BucketRecord(String name, long createdMillis, String region, String owner) {
        this(name, createdMillis, region, owner, Versioning.UNVERSIONED);
    }

    public BucketRecord withVersioning(Versioning state) {
        return new BucketRecord(name, createdMillis, region, owner, state);
    }
}

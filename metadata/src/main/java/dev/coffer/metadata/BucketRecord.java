package dev.coffer.metadata;

/** What the catalogue knows of one bucket. {@code region} is the LocationConstraint given at creation. */
public record BucketRecord(String name, long createdMillis, String region, String owner) {}

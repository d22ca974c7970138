package dev.coffer.metadata;

/**
 * What a DeleteObject did, as S3 reports it.
 *
 * @param versionId the version deleted or the delete marker created ("null" for the null
 *     version), or null when the bucket is unversioned and no version id was named
 * @param deleteMarker true if the delete created a delete marker or removed one
 * @param removed the version removed from the catalogue (its chunks are queued for GC), or null
 */
public record DeleteOutcome(String versionId, boolean deleteMarker, ObjectRecord removed) {}

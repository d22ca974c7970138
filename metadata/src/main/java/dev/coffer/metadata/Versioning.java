package dev.coffer.metadata;

/**
 * A bucket's versioning state, as S3 defines it. A bucket starts {@link #UNVERSIONED} and, once
 * versioning has been set, only moves between {@link #ENABLED} and {@link #SUSPENDED}.
 */
public enum Versioning {
    /** Never configured: every write replaces the key's one (null) version. */
    UNVERSIONED,
    /** Every write, and every delete without a version id, adds a new version. */
    ENABLED,
    /** Writes and deletes replace the key's null version; older versions are kept. */
    SUSPENDED
}

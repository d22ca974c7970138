package dev.coffer.metadata;

/**
 * S3's Object Lock retention modes. GOVERNANCE may be shortened or removed by a request that
 * bypasses governance retention; COMPLIANCE by no one until it ends.
 */
public enum RetentionMode {
    GOVERNANCE,
    COMPLIANCE
}

package dev.coffer.api.authz;

/**
 * What authorization needs to know of a bucket: the account that owns it and its policy.
 *
 * @param policy the bucket policy document (JSON), or null when the bucket has none
 */
public record BucketAccess(String ownerAccount, String policy) {}

package dev.coffer.api.authz;

/**
 * What authorization needs to know of a bucket: the account that owns it, its policy, and
 * whether Block Public Access restricts a public policy to the owner's account.
 *
 * @param policy the bucket policy document (JSON), or null when the bucket has none
 * @param restrictPublicBuckets RestrictPublicBuckets, of the bucket or of the server
 */
public record BucketAccess(String ownerAccount, String policy, boolean restrictPublicBuckets) {}

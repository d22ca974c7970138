package dev.coffer.api.authz;

/**
 * What authorization needs to know of a bucket: the account that owns it, its policy, whether
 * Block Public Access restricts a public policy to the owner's account, and whether its Object
 * Ownership honours ACLs (then an object in it may belong to another account).
 *
 * @param policy the bucket policy document (JSON), or null when the bucket has none
 * @param restrictPublicBuckets RestrictPublicBuckets, of the bucket or of the server
 * @param aclsEnabled ObjectWriter or BucketOwnerPreferred (or no controls); false under BucketOwnerEnforced
 */
public record BucketAccess(String ownerAccount, String policy, boolean restrictPublicBuckets, boolean aclsEnabled) {

    /** A bucket whose owner owns every object in it. */
    public BucketAccess(String ownerAccount, String policy, boolean restrictPublicBuckets) {
        this(ownerAccount, policy, restrictPublicBuckets, false);
    }
}

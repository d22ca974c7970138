package dev.coffer.api.authz;

import java.util.Objects;

/**
 * One question for the Authorizer: may the request's principal do {@code action} on this bucket
 * (and key)? The resource ARN is derived as S3 names it.
 *
 * @param bucket null for an action on no bucket (ListAllMyBuckets)
 * @param key null for an action on the bucket itself
 * @param newObjectOwner for a question about the object a write is about to make (the ACL it asks
 *     for), the account that will own it; null otherwise (an object action's owner is then the
 *     stored version's)
 */
public record ActionCheck(String action, String bucket, String key, String newObjectOwner) {

    public ActionCheck {
        Objects.requireNonNull(action, "action");
        if (key != null) Objects.requireNonNull(bucket, "bucket");
        if (newObjectOwner != null) Objects.requireNonNull(key, "key");
    }

    public ActionCheck(String action, String bucket, String key) {
        this(action, bucket, key, null);
    }

    /**
     * {@code arn:aws:s3:::bucket}, {@code arn:aws:s3:::bucket/key}, or {@code arn:aws:s3:::*} for
     * an action on no bucket (ListAllMyBuckets), which policies grant with {@code "Resource": "*"}
     * or {@code "arn:aws:s3:::*"} and no bucket's ARN matches.
     */
    public String resourceArn() {
        if (bucket == null) return "arn:aws:s3:::*";
        return key == null ? "arn:aws:s3:::" + bucket : "arn:aws:s3:::" + bucket + "/" + key;
    }

    /** The resource as S3 names it in an error document. */
    public String resource() {
        if (bucket == null) return "/";
        return key == null ? "/" + bucket : "/" + bucket + "/" + key;
    }
}

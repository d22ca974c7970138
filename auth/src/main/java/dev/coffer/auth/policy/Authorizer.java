package dev.coffer.auth.policy;

import java.util.Objects;

/**
 * The one place that decides whether a principal may do an IAM action on a resource, in AWS's
 * documented order (IAM User Guide, "Policy evaluation logic"): an explicit Deny in any policy
 * wins; within the bucket owner's account an Allow from an identity policy or the bucket policy
 * suffices; across accounts both must allow; otherwise the request is implicitly denied.
 *
 * <p>Roots have an identity side that allows everything in their own account; the server's root
 * ({@link Principal.Kind#ROOT}) is treated as the root of every account. Thread-safe.
 *
 * <p>This first version knows the principals only: the server's root is allowed everything, an
 * account root everything in its account, and every other principal is implicitly denied. Policy
 * documents (identity and bucket) are not read yet.
 */
public final class Authorizer {

    /**
     * @param principal who asks
     * @param action the IAM action, e.g. {@code s3:GetObject}
     * @param resource the resource ARN, e.g. {@code arn:aws:s3:::bucket/key}, or {@code *} for
     *     actions on no resource (ListAllMyBuckets)
     * @param context the request's condition keys
     * @param bucketPolicy the bucket policy document (JSON), or null when the bucket has none or
     *     the action is on no bucket
     * @param bucketOwnerAccount the account owning the bucket, or null when the action is on no
     *     existing bucket (ListAllMyBuckets, CreateBucket): then the principal's own account
     */
    public Decision authorize(Principal principal, String action, String resource, RequestContext context,
                              String bucketPolicy, String bucketOwnerAccount) {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(context, "context");
        if (principal.kind() == Principal.Kind.ROOT) return Decision.allow("the server's root");
        boolean sameAccount = bucketOwnerAccount == null || bucketOwnerAccount.equals(principal.accountId());
        if (principal.kind() == Principal.Kind.ACCOUNT_ROOT && sameAccount) {
            return Decision.allow("the account's root");
        }
        return Decision.implicitDeny("no policy allows " + action);
    }
}

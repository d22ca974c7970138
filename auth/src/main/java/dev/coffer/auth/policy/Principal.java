package dev.coffer.auth.policy;

import java.util.List;
import java.util.Objects;

/**
 * Who made a request, as the key lookup resolved it after the signature checked out: the
 * server's root, an account's root, an IAM user of an account, or anonymous (no credentials).
 * It carries the identity policies that apply to it, as JSON documents, supplied by whoever
 * resolves the key (inline and attached policies alike); the {@link Authorizer} reads them.
 *
 * @param kind what sort of identity this is
 * @param accountId the account the identity belongs to (12 digits as in AWS); null when anonymous
 * @param userName the IAM user's name ({@code aws:username}); null unless {@link Kind#USER}
 * @param userId the unique id ({@code aws:userid}): the user's id, or the account id for a root; null when anonymous
 * @param arn the principal's ARN ({@code aws:PrincipalArn}): {@code arn:aws:iam::ACCOUNT:root} or
 *     {@code arn:aws:iam::ACCOUNT:user/PATH/NAME}; null when anonymous
 * @param accessKeyId the key that signed the request; null when anonymous
 * @param identityPolicies the identity policy documents that apply (empty for roots and anonymous)
 */
public record Principal(Kind kind, String accountId, String userName, String userId, String arn,
                        String accessKeyId, List<String> identityPolicies) {

    public enum Kind {
        /** The server's root key: allowed everything, but an explicit Deny in a bucket policy still binds it. */
        ROOT,
        /** An account's root key: everything on its own account's resources, as an AWS account root. */
        ACCOUNT_ROOT,
        /** An IAM user: what its identity policies and the resource's policy allow. */
        USER,
        /** No credentials: only what a bucket policy grants to {@code "Principal": "*"}. */
        ANONYMOUS
    }

    public Principal {
        Objects.requireNonNull(kind, "kind");
        identityPolicies = List.copyOf(identityPolicies);
        if (kind != Kind.ANONYMOUS) {
            Objects.requireNonNull(accountId, "accountId");
            Objects.requireNonNull(arn, "arn");
        }
        if (kind == Kind.USER) Objects.requireNonNull(userName, "userName");
    }

    /** The server's root key, which belongs to {@code accountId}. */
    public static Principal root(String accountId, String accessKeyId) {
        return new Principal(Kind.ROOT, accountId, null, accountId, rootArn(accountId), accessKeyId, List.of());
    }

    /** An account's own root key. */
    public static Principal accountRoot(String accountId, String accessKeyId) {
        return new Principal(Kind.ACCOUNT_ROOT, accountId, null, accountId, rootArn(accountId), accessKeyId, List.of());
    }

    /**
     * An IAM user.
     *
     * @param path the user's IAM path, "/" by default
     */
    public static Principal user(String accountId, String path, String userName, String userId, String accessKeyId,
                                 List<String> identityPolicies) {
        String arn = "arn:aws:iam::" + accountId + ":user" + (path == null ? "/" : path) + userName;
        return new Principal(Kind.USER, accountId, userName, userId, arn, accessKeyId, identityPolicies);
    }

    /** A request without credentials. */
    public static Principal anonymous() {
        return new Principal(Kind.ANONYMOUS, null, null, null, null, null, List.of());
    }

    public static String rootArn(String accountId) {
        return "arn:aws:iam::" + accountId + ":root";
    }

    /** A root (the server's or an account's): its identity side allows everything in its account. */
    public boolean isRoot() {
        return kind == Kind.ROOT || kind == Kind.ACCOUNT_ROOT;
    }

    @Override
    public String toString() {
        return kind == Kind.ANONYMOUS ? "anonymous" : arn;
    }
}

package dev.coffer.auth.policy;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one place that decides whether a principal may do an IAM action on a resource, in AWS's
 * documented order (IAM User Guide, "Policy evaluation logic"; S3 User Guide, "How Amazon S3
 * authorizes a request"):
 * <ol>
 *   <li>an explicit Deny in any applicable policy (identity or bucket) wins — except that the
 *       bucket owner's root may always get, put and delete the bucket policy, so it cannot lock
 *       itself out;</li>
 *   <li>within the bucket owner's account, an Allow from an identity policy or from the bucket
 *       policy suffices (a bucket policy naming the account, not the user, delegates to the
 *       account: the user's identity policies must allow);</li>
 *   <li>across accounts, both the principal's identity side and the bucket policy must allow;
 *       anonymous requests have no identity side and need a bucket policy granting
 *       {@code "Principal": "*"};</li>
 *   <li>an ACL grant (S3's access control lists, evaluated by the caller into {@code aclGrant})
 *       counts as the resource side's Allow, like the bucket policy's: enough within the bucket
 *       owner's account and for anonymous requests, with the identity side's Allow across accounts;</li>
 *   <li>on an object another account owns (written under ObjectWriter), that account is the
 *       resource owner: "the requester must have permission from the object owner", so the
 *       bucket policy (the bucket owner's) may only deny, and the Allow comes from the object
 *       owner's side: its own identities' policies, or the object's ACL (S3 User Guide, "How
 *       Amazon S3 authorizes a request for an object operation");</li>
 *   <li>otherwise the request is implicitly denied.</li>
 * </ol>
 * Roots have an identity side that allows everything; the server's root ({@link
 * Principal.Kind#ROOT}) is treated as the root of every bucket's owner. Policy documents are
 * parsed once and kept (by text) in a small cache. Thread-safe.
 */
public final class Authorizer {
    /** Actions the bucket owner's root keeps whatever the bucket policy denies (S3 User Guide, bucket policies). */
    private static final Set<String> POLICY_ACTIONS = Set.of("s3:getbucketpolicy", "s3:putbucketpolicy",
            "s3:deletebucketpolicy");
    private static final int CACHE_LIMIT = 1024;

    private final Clock clock;
    private final Map<String, PolicyDocument> identityCache = new ConcurrentHashMap<>();
    private final Map<String, PolicyDocument> bucketCache = new ConcurrentHashMap<>();

    public Authorizer() {
        this(Clock.systemUTC());
    }

    public Authorizer(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param principal who asks
     * @param action the IAM action, e.g. {@code s3:GetObject}
     * @param resource the resource ARN, e.g. {@code arn:aws:s3:::bucket/key}, or
     *     {@code arn:aws:s3:::*} for an action on no bucket (ListAllMyBuckets)
     * @param context the request's condition keys
     * @param bucketPolicy the bucket policy document (JSON), or null when the bucket has none or
     *     the action is on no bucket
     * @param bucketOwnerAccount the account owning the bucket, or null when the action is on no
     *     existing bucket (ListAllMyBuckets, CreateBucket): then the principal's own account
     */
    public Decision authorize(Principal principal, String action, String resource, RequestContext context,
                              String bucketPolicy, String bucketOwnerAccount) {
        return authorize(principal, action, resource, context, bucketPolicy, bucketOwnerAccount, false);
    }

    /**
     * As above, under Block Public Access's RestrictPublicBuckets when {@code restrictPublicBuckets}:
     * a public bucket policy ({@link PolicyDocument#isPublic()}) then grants nothing to anonymous
     * requests or to principals of other accounts (its Deny statements still bind everyone).
     */
    public Decision authorize(Principal principal, String action, String resource, RequestContext context,
                              String bucketPolicy, String bucketOwnerAccount, boolean restrictPublicBuckets) {
        return authorize(principal, action, resource, context, bucketPolicy, bucketOwnerAccount, restrictPublicBuckets,
                null);
    }

    /**
     * As above, with the grant of the resource's ACL that gives the principal the permission this
     * action needs ({@code aclGrant}, a description for the log; null when no ACL grants it). Block
     * Public Access's IgnorePublicAcls is the caller's: it passes no grant to the public groups then.
     */
    public Decision authorize(Principal principal, String action, String resource, RequestContext context,
                              String bucketPolicy, String bucketOwnerAccount, boolean restrictPublicBuckets,
                              String aclGrant) {
        return authorize(principal, action, resource, context, bucketPolicy, bucketOwnerAccount, restrictPublicBuckets,
                aclGrant, null);
    }

    /**
     * As above, for an action on an object whose owner is {@code objectOwnerAccount} (null: the
     * bucket's owner). When another account owns it, that account is the resource owner: the
     * principal is in the resource's account when it is that account's, the bucket policy can
     * deny but not allow, and {@code aclGrant} is the object ACL's (its owner's) grant.
     */
    public Decision authorize(Principal principal, String action, String resource, RequestContext context,
                              String bucketPolicy, String bucketOwnerAccount, boolean restrictPublicBuckets,
                              String aclGrant, String objectOwnerAccount) {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(context, "context");
        // Gathered only if a statement reads a key: the root, or a bucket without a policy, reads none.
        RequestContext keys = RequestContext.lazy(() -> withPrincipalKeys(context, principal));
        boolean foreignObject = objectOwnerAccount != null && bucketOwnerAccount != null
                && !objectOwnerAccount.equals(bucketOwnerAccount);
        String resourceOwner = foreignObject ? objectOwnerAccount : bucketOwnerAccount;
        boolean sameAccount = principal.kind() == Principal.Kind.ROOT
                || principal.kind() != Principal.Kind.ANONYMOUS
                        && (resourceOwner == null || resourceOwner.equals(principal.accountId()));

        // 1. An explicit Deny anywhere.
        boolean identityAllows = principal.isRoot();
        String identityAllow = principal.isRoot() ? "the root of the account" : null;
        for (String json : principal.identityPolicies()) {
            PolicyDocument doc = cached(identityCache, json, PolicyDocument.Kind.IDENTITY);
            if (doc == null) return Decision.explicitDeny("an identity policy that no longer parses");
            Verdict v = evaluate(doc, principal, action, resource, keys, false);
            if (v.deny != null) return Decision.explicitDeny("identity policy statement " + v.deny);
            if (v.allow != null && !identityAllows) {
                identityAllows = true;
                identityAllow = "identity policy statement " + v.allow;
            }
        }
        Verdict bucket = Verdict.NONE;
        if (bucketPolicy != null) {
            PolicyDocument doc = cached(bucketCache, bucketPolicy, PolicyDocument.Kind.RESOURCE);
            bucket = doc == null ? new Verdict("(the bucket policy no longer parses)", null)
                    : evaluate(doc, principal, action, resource, keys, principal.isRoot() || !sameAccount);
            if (restrictPublicBuckets && !sameAccount && doc != null && doc.isPublic() || foreignObject) {
                bucket = new Verdict(bucket.deny, null); // only its Deny binds
            }
            boolean ownerRoot = principal.isRoot() && sameAccount;
            if (bucket.deny != null && !(ownerRoot && POLICY_ACTIONS.contains(action.toLowerCase(Locale.ROOT)))) {
                return Decision.explicitDeny("bucket policy statement " + bucket.deny);
            }
        }
        // 2.-3. An Allow on the side(s) that must give one.
        String resourceAllow = bucket.allow != null ? "bucket policy statement " + bucket.allow
                : aclGrant != null ? "ACL grant " + aclGrant : null;
        if (sameAccount) {
            if (identityAllows) return Decision.allow(identityAllow);
            if (resourceAllow != null) return Decision.allow(resourceAllow);
        } else if (principal.kind() == Principal.Kind.ANONYMOUS) {
            if (resourceAllow != null) return Decision.allow(resourceAllow);
        } else if (identityAllows && resourceAllow != null) {
            return Decision.allow(resourceAllow + " and " + identityAllow);
        }
        // 4.
        return Decision.implicitDeny(sameAccount || principal.kind() == Principal.Kind.ANONYMOUS
                ? "no policy allows " + action
                : identityAllows ? "the bucket policy does not allow " + action + " to another account"
                        : "no identity policy allows " + action);
    }

    /**
     * The first Deny and the first Allow statement that apply (by name), for one document.
     *
     * @param accountGrants whether an Allow naming the principal's account (not the principal)
     *     counts: for roots, and across accounts (where the identity side is asked too)
     */
    private static Verdict evaluate(PolicyDocument doc, Principal principal, String action, String resource,
                                    RequestContext keys, boolean accountGrants) {
        String deny = null;
        String allow = null;
        List<Statement> statements = doc.statements();
        for (int i = 0; i < statements.size(); i++) {
            Statement s = statements.get(i);
            PrincipalSet.Match m = s.principalMatch(principal);
            if (m == PrincipalSet.Match.NONE) continue;
            if (s.allow() && (allow != null || m == PrincipalSet.Match.ACCOUNT && !accountGrants)) continue;
            if (!s.matches(action, resource, keys, doc.hasVariables())) continue;
            if (!s.allow()) {
                deny = s.name(i);
                break;
            }
            allow = s.name(i);
        }
        return new Verdict(deny, allow);
    }

    private record Verdict(String deny, String allow) {
        static final Verdict NONE = new Verdict(null, null);
    }

    private RequestContext withPrincipalKeys(RequestContext context, Principal principal) {
        Instant now = clock.instant();
        Map<String, List<String>> keys = new HashMap<>();
        keys.put("aws:CurrentTime", List.of(DateTimeFormatter.ISO_INSTANT.format(now)));
        keys.put("aws:EpochTime", List.of(Long.toString(now.getEpochSecond())));
        keys.put("aws:PrincipalType", List.of(switch (principal.kind()) {
            case ROOT, ACCOUNT_ROOT -> "Account";
            case USER -> "User";
            case ANONYMOUS -> "Anonymous";
        }));
        if (principal.kind() != Principal.Kind.ANONYMOUS) {
            keys.put("aws:PrincipalArn", List.of(principal.arn()));
            keys.put("aws:PrincipalAccount", List.of(principal.accountId()));
            if (principal.userId() != null) keys.put("aws:userid", List.of(principal.userId()));
            if (principal.userName() != null) keys.put("aws:username", List.of(principal.userName()));
        }
        return context.with(keys);
    }

    /**
     * The parsed document, or null when a stored policy no longer parses (a rule changed since it
     * was accepted): the caller then denies, failing closed.
     */
    private static PolicyDocument cached(Map<String, PolicyDocument> cache, String json, PolicyDocument.Kind kind) {
        PolicyDocument doc = cache.get(json);
        if (doc != null) return doc;
        try {
            doc = PolicyDocument.parse(json, kind, null);
        } catch (MalformedPolicyException e) {
            return null;
        }
        if (cache.size() >= CACHE_LIMIT) cache.clear();
        cache.put(json, doc);
        return doc;
    }
}

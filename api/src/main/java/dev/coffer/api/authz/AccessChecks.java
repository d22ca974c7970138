package dev.coffer.api.authz;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.auth.AuthResult;
import dev.coffer.auth.policy.Authorizer;
import dev.coffer.auth.policy.Decision;
import dev.coffer.auth.policy.Principal;
import dev.coffer.auth.policy.PrincipalLookup;
import dev.coffer.auth.policy.RequestContext;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Asks the {@link Authorizer} about one {@link ActionCheck}, with the bucket's owner and policy
 * looked up, and turns a denial into S3's answer. Every permission check of the server goes
 * through here (handlers reach it through their request's {@link RequestAccess}).
 */
public final class AccessChecks {
    private static final Logger log = LoggerFactory.getLogger(AccessChecks.class);

    /** Get/Put/DeleteBucketPolicy: for identities of the bucket owner's account only (S3 API Reference). */
    private static final Set<String> POLICY_ACTIONS = Set.of("s3:GetBucketPolicy", "s3:PutBucketPolicy",
            "s3:DeleteBucketPolicy");

    private final Authorizer authorizer;
    private final PrincipalLookup principals;
    private final Function<String, Mono<Optional<BucketAccess>>> buckets;
    private final DenialMetrics denials;
    private final ExistingObjectTags.Lookup objectTags;
    private final ResourceAcls acls;

    public AccessChecks(Authorizer authorizer, PrincipalLookup principals,
                        Function<String, Mono<Optional<BucketAccess>>> buckets) {
        this(authorizer, principals, buckets, DenialMetrics.NONE);
    }

    /**
     * @param buckets a bucket's owner and policy, empty when there is no such bucket; called on
     *     any thread, it must not block (look up on the I/O scheduler)
     */
    public AccessChecks(Authorizer authorizer, PrincipalLookup principals,
                        Function<String, Mono<Optional<BucketAccess>>> buckets, DenialMetrics denials) {
        this(authorizer, principals, buckets, denials, ExistingObjectTags.NONE, ResourceAcls.NONE);
    }

    private AccessChecks(Authorizer authorizer, PrincipalLookup principals,
                         Function<String, Mono<Optional<BucketAccess>>> buckets, DenialMetrics denials,
                         ExistingObjectTags.Lookup objectTags, ResourceAcls acls) {
        this.acls = acls;
        this.authorizer = authorizer;
        this.principals = principals;
        this.buckets = buckets;
        this.denials = denials;
        this.objectTags = objectTags;
    }

    /**
     * These checks, reading an object's tags for s3:ExistingObjectTag/… when a policy that applies
     * names that key (else the key is absent and such conditions do not match).
     */
    public AccessChecks withObjectTags(ExistingObjectTags.Lookup lookup) {
        return new AccessChecks(authorizer, principals, buckets, denials, lookup, acls);
    }

    /** These checks, asking the buckets' and objects' ACLs when the policies alone deny implicitly. */
    public AccessChecks withAcls(ResourceAcls resourceAcls) {
        return new AccessChecks(authorizer, principals, buckets, denials, objectTags, resourceAcls);
    }

    /**
     * The access of a request that signed with {@code auth}, or of an anonymous one (null).
     * A key that no longer resolves to a principal is refused with AccessDenied.
     */
    public RequestAccess forRequest(AuthResult auth, RequestContext context) {
        return new RequestAccess(this, principalOf(auth == null ? null : auth.accessKeyId()), context);
    }

    Principal principalOf(String accessKeyId) {
        if (accessKeyId == null) return Principal.anonymous();
        return principals.principalOf(accessKeyId).orElseThrow(() -> S3Exception.of(S3ErrorCode.AccessDenied));
    }

    /**
     * Completes when allowed; else AccessDenied, or NoSuchBucket when the bucket does not exist
     * (CreateBucket excepted). The bucket policy's own operations are for the owner's account
     * only: another account allowed by the policy gets 405 MethodNotAllowed, as in S3.
     */
    Mono<Void> require(Principal principal, RequestContext context, ActionCheck check) {
        return decide(principal, context, check, true).flatMap(verdict -> {
            if (verdict.decision.allowed()) {
                if (POLICY_ACTIONS.contains(check.action()) && verdict.bucket != null
                        && principal.kind() != Principal.Kind.ROOT
                        && !verdict.bucket.ownerAccount().equals(principal.accountId())) {
                    return Mono.error(S3Exception.of(S3ErrorCode.MethodNotAllowed, check.resource())
                            .with("Method", check.action()).with("ResourceType", "BUCKET"));
                }
                return Mono.empty();
            }
            if (verdict.bucket == null && check.bucket() != null && !check.action().equals("s3:CreateBucket")) {
                return Mono.error(S3Exception.of(S3ErrorCode.NoSuchBucket, check.resource())
                        .with("BucketName", check.bucket()));
            }
            return Mono.error(S3Exception.of(S3ErrorCode.AccessDenied, check.resource()));
        });
    }

    /**
     * Whether allowed (a missing bucket is no error here: the caller answers for it).
     *
     * @param counted whether a refusal is one the client sees (counted in {@link DenialMetrics}),
     *     not a question the server asks itself to choose its answer
     */
    Mono<Boolean> allows(Principal principal, RequestContext context, ActionCheck check, boolean counted) {
        return decide(principal, context, check, counted).map(verdict -> verdict.decision.allowed());
    }

    Mono<Optional<String>> bucketOwner(String bucket) {
        return buckets.apply(bucket).map(found -> found.map(BucketAccess::ownerAccount));
    }

    Mono<Boolean> objectMissing(ActionCheck check, RequestContext context) {
        return acls.objectMissing(check, context);
    }

    private Mono<Verdict> decide(Principal principal, RequestContext context, ActionCheck check, boolean counted) {
        // CreateBucket is judged in the caller's own account, whoever holds the name (the Authorizer's
        // contract: no owner for it); a name another account holds is then BucketAlreadyExists, as in S3.
        if (check.bucket() == null || check.action().equals("s3:CreateBucket")) {
            return Mono.just(new Verdict(authorize(principal, context, check, null, counted), null));
        }
        return buckets.apply(check.bucket()).flatMap(found -> {
            BucketAccess bucket = found.orElse(null);
            Mono<RequestContext> keys = bucket != null && ExistingObjectTags.needed(check, principal, bucket)
                    ? ExistingObjectTags.add(objectTags, check, context) : Mono.just(context);
            return keys.flatMap(withTags -> objectOwner(check, withTags, bucket).flatMap(objectOwner -> {
                String owner = objectOwner.orElse(null);
                Decision first = decision(principal, withTags, check, bucket, null, owner);
                if (bucket == null || first.outcome() != Decision.Outcome.IMPLICIT_DENY) {
                    return Mono.just(new Verdict(counted(first, principal, check, counted), bucket));
                }
                // The policies left it open: the resource's ACL may still grant it, as S3's resource side.
                return acls.grant(principal, check, withTags)
                        .map(grant -> decision(principal, withTags, check, bucket, grant, owner))
                        .defaultIfEmpty(first)
                        .map(d -> new Verdict(counted(d, principal, check, counted), bucket));
            }));
        });
    }

    /**
     * The account owning the object an object-level action is on, when ACLs may have given it to
     * another account than the bucket's (S3 User Guide, "How Amazon S3 authorizes a request for an
     * object operation"); empty for the bucket's own objects and bucket-level actions.
     */
    private Mono<Optional<String>> objectOwner(ActionCheck check, RequestContext context, BucketAccess bucket) {
        if (bucket == null || check.key() == null) return Mono.just(Optional.empty());
        if (check.newObjectOwner() != null) return Mono.just(Optional.of(check.newObjectOwner()));
        if (!bucket.aclsEnabled()) return Mono.just(Optional.empty());
        return acls.objectOwner(check, context, bucket.ownerAccount()).map(Optional::of).defaultIfEmpty(Optional.empty());
    }

    private Decision authorize(Principal principal, RequestContext context, ActionCheck check, BucketAccess bucket,
                               boolean counted) {
        return counted(decision(principal, context, check, bucket, null, null), principal, check, counted);
    }

    private Decision decision(Principal principal, RequestContext context, ActionCheck check, BucketAccess bucket,
                              String aclGrant, String objectOwner) {
        return bucket == null
                ? authorizer.authorize(principal, check.action(), check.resourceArn(), context, null, null)
                : authorizer.authorize(principal, check.action(), check.resourceArn(), context, bucket.policy(),
                        bucket.ownerAccount(), bucket.restrictPublicBuckets(), aclGrant, objectOwner);
    }

    private Decision counted(Decision decision, Principal principal, ActionCheck check, boolean counted) {
        if (!decision.allowed()) {
            log.debug("denied: {} {} on {} ({})", principal, check.action(), check.resourceArn(), decision.reason());
            if (counted) denials.denied(check.action(), decision);
        }
        return decision;
    }

    /** @param bucket null when there is no such bucket (or the action is on none) */
    private record Verdict(Decision decision, BucketAccess bucket) {}
}

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

    private final Authorizer authorizer;
    private final PrincipalLookup principals;
    private final Function<String, Mono<Optional<BucketAccess>>> buckets;

    /**
     * @param buckets a bucket's owner and policy, empty when there is no such bucket; called on
     *     any thread, it must not block (look up on the I/O scheduler)
     */
    public AccessChecks(Authorizer authorizer, PrincipalLookup principals,
                        Function<String, Mono<Optional<BucketAccess>>> buckets) {
        this.authorizer = authorizer;
        this.principals = principals;
        this.buckets = buckets;
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

    /** Completes when allowed; else AccessDenied, or NoSuchBucket when the bucket does not exist. */
    Mono<Void> require(Principal principal, RequestContext context, ActionCheck check) {
        return decide(principal, context, check).flatMap(verdict -> {
            if (verdict.decision.allowed()) return Mono.empty();
            if (verdict.bucketMissing) {
                return Mono.error(S3Exception.of(S3ErrorCode.NoSuchBucket, check.resource())
                        .with("BucketName", check.bucket()));
            }
            return Mono.error(S3Exception.of(S3ErrorCode.AccessDenied, check.resource()));
        });
    }

    /** Whether allowed (a missing bucket is no error here: the caller answers for it). */
    Mono<Boolean> allows(Principal principal, RequestContext context, ActionCheck check) {
        return decide(principal, context, check).map(verdict -> verdict.decision.allowed());
    }

    private Mono<Verdict> decide(Principal principal, RequestContext context, ActionCheck check) {
        // The server's root is allowed everything while no bucket policy can deny it: no lookup.
        if (principal.kind() == Principal.Kind.ROOT) {
            return Mono.just(new Verdict(authorize(principal, context, check, null), false));
        }
        // CreateBucket is judged in the caller's own account, whoever holds the name (the Authorizer's
        // contract: no owner for it); a name another account holds is then BucketAlreadyExists, as in S3.
        if (check.bucket() == null || check.action().equals("s3:CreateBucket")) {
            return Mono.just(new Verdict(authorize(principal, context, check, null), false));
        }
        return buckets.apply(check.bucket()).map(bucket -> new Verdict(
                authorize(principal, context, check, bucket.orElse(null)), bucket.isEmpty()));
    }

    private Decision authorize(Principal principal, RequestContext context, ActionCheck check, BucketAccess bucket) {
        Decision decision = authorizer.authorize(principal, check.action(), check.resourceArn(), context,
                bucket == null ? null : bucket.policy(), bucket == null ? null : bucket.ownerAccount());
        if (!decision.allowed()) {
            log.debug("denied: {} {} on {} ({})", principal, check.action(), check.resourceArn(), decision.reason());
        }
        return decision;
    }

    private record Verdict(Decision decision, boolean bucketMissing) {}
}

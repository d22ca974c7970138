package dev.coffer.api.authz;

import dev.coffer.auth.policy.Principal;
import dev.coffer.auth.policy.RequestContext;
import reactor.core.publisher.Mono;

/**
 * The access control lists of buckets and objects, as the Authorizer's resource side sees them:
 * the grant (described, for the log) that gives a principal the ACL permission an action needs,
 * or empty. Asked only when the policies alone did not allow, so a request its policies allow
 * never reads an ACL.
 */
public interface ResourceAcls {
    ResourceAcls NONE = (principal, check, context) -> Mono.empty();

    Mono<String> grant(Principal principal, ActionCheck check, RequestContext context);

    /**
     * The account that owns the object an object-level action ({@code s3:GetObject},
     * {@code s3:PutObjectAcl}, …) is on, when that is not the bucket's owner (an object another
     * account wrote where ACLs are honoured); empty otherwise, and for bucket-level actions and
     * the bucket's WRITE (PutObject, DeleteObject…), which stay the bucket owner's.
     */
    default Mono<String> objectOwner(ActionCheck check, RequestContext context, String bucketOwner) {
        return Mono.empty();
    }

    /**
     * Whether the object an object-level check is on does not exist (no such key, or its latest
     * version is a delete marker); false when it exists or cannot be told.
     */
    default Mono<Boolean> objectMissing(ActionCheck check, RequestContext context) {
        return Mono.just(false);
    }
}

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
}

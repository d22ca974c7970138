package dev.coffer.api.lock;

import dev.coffer.api.authz.ActionCheck;
import dev.coffer.api.server.S3Call;
import reactor.core.publisher.Mono;

/**
 * Whether a request bypasses GOVERNANCE retention on one object: it must say so ({@code
 * x-amz-bypass-governance-retention: true}) and its principal must be allowed {@code
 * s3:BypassGovernanceRetention} on the object (asked of the Authorizer, as S3 does; the root always
 * is). The catalogue command carries the answer, and the applier enforces it.
 */
public final class GovernanceBypass {
    public static final String HEADER = "x-amz-bypass-governance-retention";
    public static final String ACTION = "s3:BypassGovernanceRetention";

    private GovernanceBypass() {}

    /** True when the request asks for a bypass and may have one on {@code bucket}/{@code key}. */
    public static Mono<Boolean> granted(S3Call call, String bucket, String key) {
        String value = call.header(HEADER);
        if (value == null || !value.trim().equalsIgnoreCase("true")) return Mono.just(false);
        return call.access().allows(new ActionCheck(ACTION, bucket, key));
    }
}

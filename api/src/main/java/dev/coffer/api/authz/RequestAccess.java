package dev.coffer.api.authz;

import dev.coffer.auth.policy.Principal;
import dev.coffer.auth.policy.RequestContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * One request's principal and condition keys, for the permission checks its handler asks beyond
 * the table's ({@link IamActions}): each key of DeleteObjects, a copy's source, a POST's key.
 * Handlers never decide permissions themselves; they ask here.
 */
public final class RequestAccess {
    private final AccessChecks checks;
    private final Principal principal;
    private final RequestContext context;

    RequestAccess(AccessChecks checks, Principal principal, RequestContext context) {
        this.checks = checks;
        this.principal = principal;
        this.context = context;
    }

    public Principal principal() {
        return principal;
    }

    /** Completes when allowed; else signals AccessDenied (NoSuchBucket when the bucket is absent). */
    public Mono<Void> require(ActionCheck check) {
        return checks.require(principal, context, check);
    }

    /** Whether allowed; never signals a denial. */
    public Mono<Boolean> allows(ActionCheck check) {
        return checks.allows(principal, context, check, true);
    }

    /**
     * Whether allowed, asked by the server to choose its answer (e.g. 404 NoSuchKey or 403), not
     * a refusal the client sees: never counted in {@link DenialMetrics}.
     */
    public Mono<Boolean> wouldAllow(ActionCheck check) {
        return checks.allows(principal, context, check, false);
    }

    /** Whether the object {@code check} is on does not exist (see {@link ResourceAcls#objectMissing}). */
    public Mono<Boolean> objectMissing(ActionCheck check) {
        return checks.objectMissing(check, context);
    }

    /**
     * The same request acting as the key that signed its POST form (the request itself carries no
     * credentials); AccessDenied when the key resolves to no principal.
     */
    public RequestAccess signedBy(String accessKeyId) {
        return new RequestAccess(checks, checks.principalOf(accessKeyId), context);
    }

    /**
     * The same request with condition keys known only once its body is read (a POST form's
     * signature and tags, a Tagging document's tags), replacing any of the same name.
     */
    public RequestAccess withKeys(Map<String, List<String>> keys) {
        return new RequestAccess(checks, principal, context.with(keys));
    }

    /**
     * The read of a CopyObject or UploadPartCopy source. A named version is the one its
     * conditions are judged on (s3:VersionId, and s3:ExistingObjectTag/… read from that version,
     * not the current one).
     *
     * @param expectedOwner the request's {@code x-amz-source-expected-bucket-owner}, or null
     */
    public Mono<Void> requireCopySource(String bucket, String key, String versionId, String expectedOwner) {
        RequestAccess source = versionId == null ? this : withKeys(Map.of("s3:VersionId", List.of(versionId)));
        // Whether the source may be read first: a caller who may not learns nothing of its owner.
        return source.require(IamActions.copySource(bucket, key, versionId))
                .then(Mono.defer(() -> ExpectedBucketOwner.require(this, bucket, expectedOwner)));
    }

    /** The account owning {@code bucket}; empty when there is no such bucket. */
    Mono<Optional<String>> bucketOwner(String bucket) {
        return checks.bucketOwner(bucket);
    }
}

package dev.coffer.api.authz;

import dev.coffer.auth.policy.Principal;
import dev.coffer.auth.policy.RequestContext;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import reactor.core.publisher.Mono;

/**
 * The condition keys {@code s3:ExistingObjectTag/<key>}: the tags of the object an action reads
 * or re-tags, for the actions S3 documents them on ("Actions, resources, and condition keys for
 * Amazon S3"; the User Guide's "Tagging and access control policies" excludes PutObject and
 * DeleteObject). The object is looked up only when a policy that applies names the key, so a
 * request under policies that do not pay no catalogue read for it.
 */
public final class ExistingObjectTags {
    /** The object actions whose condition keys include s3:ExistingObjectTag/${TagKey}. */
    private static final Set<String> ACTIONS = Set.of("s3:GetObject", "s3:GetObjectVersion", "s3:GetObjectTagging",
            "s3:GetObjectVersionTagging", "s3:PutObjectTagging", "s3:PutObjectVersionTagging", "s3:DeleteObjectTagging",
            "s3:DeleteObjectVersionTagging", "s3:GetObjectAcl", "s3:GetObjectVersionAcl", "s3:PutObjectAcl",
            "s3:PutObjectVersionAcl", "s3:GetObjectAttributes", "s3:GetObjectVersionAttributes",
            "s3:GetObjectRetention", "s3:GetObjectLegalHold", "s3:PutObjectRetention", "s3:PutObjectLegalHold");
    private static final Pattern NAMED = Pattern.compile("ExistingObjectTag", Pattern.CASE_INSENSITIVE);

    /** An object's tags (the version named, else the current one); empty when there is no such object. */
    @FunctionalInterface
    public interface Lookup {
        Mono<Map<String, String>> tags(String bucket, String key, String versionId);
    }

    static final Lookup NONE = (bucket, key, versionId) -> Mono.just(Map.of());

    private ExistingObjectTags() {}

    /** Whether the check needs the object's tags: an action that has them, and a policy that names them. */
    static boolean needed(ActionCheck check, Principal principal, BucketAccess bucket) {
        if (check.key() == null || !ACTIONS.contains(check.action())) return false;
        if (bucket != null && bucket.policy() != null && NAMED.matcher(bucket.policy()).find()) return true;
        for (String policy : principal.identityPolicies()) {
            if (NAMED.matcher(policy).find()) return true;
        }
        return false;
    }

    /** The context with the object's tags as s3:ExistingObjectTag/KEY. */
    static Mono<RequestContext> add(Lookup lookup, ActionCheck check, RequestContext context) {
        // The version a *Version action names is the request's versionId (s3:VersionId).
        List<String> versionId = check.action().contains("Version") ? context.get("s3:VersionId") : null;
        return lookup.tags(check.bucket(), check.key(), versionId == null ? null : versionId.get(0))
                .map(tags -> {
                    RequestContext withTags = context;
                    for (Map.Entry<String, String> tag : tags.entrySet()) {
                        withTags = withTags.with("s3:ExistingObjectTag/" + tag.getKey(), List.of(tag.getValue()));
                    }
                    return withTags;
                });
    }
}

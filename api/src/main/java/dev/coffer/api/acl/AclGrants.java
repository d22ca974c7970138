package dev.coffer.api.acl;

import dev.coffer.api.authz.ActionCheck;
import dev.coffer.api.authz.ResourceAcls;
import dev.coffer.api.error.S3Exception;
import dev.coffer.api.policy.PublicAccessBlock;
import dev.coffer.api.service.AclService;
import dev.coffer.auth.policy.Principal;
import dev.coffer.auth.policy.RequestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * What buckets' and objects' ACLs grant, for the Authorizer, by S3's mapping of ACL permissions
 * to actions (S3 User Guide, "Access control list (ACL) overview", "Mapping of ACL permissions and
 * access policy permissions"): a bucket's READ lists it, its WRITE puts and deletes any key in it,
 * READ_ACP / WRITE_ACP read and write its ACL; an object's READ gets it (any version),
 * READ_ACP / WRITE_ACP read and write its ACL; FULL_CONTROL is all four. A resource's owner always
 * has READ_ACP and WRITE_ACP. Nothing is granted in a bucket that enforces its ownership (ACLs
 * disabled), and grants to AllUsers / AuthenticatedUsers count for nothing under IgnorePublicAcls.
 * A grant to an account stands for that account as a bucket policy naming it does: its root, or
 * its users when they come from another account (whose identity side must allow too).
 */
public final class AclGrants implements ResourceAcls {
    private static final Map<String, Permission> ON_BUCKET = Map.of(
            "s3:ListBucket", Permission.READ,
            "s3:ListBucketVersions", Permission.READ,
            "s3:ListBucketMultipartUploads", Permission.READ,
            "s3:GetBucketAcl", Permission.READ_ACP,
            "s3:PutBucketAcl", Permission.WRITE_ACP);
    /** Actions on keys that the bucket's WRITE grants. */
    private static final Map<String, Permission> BUCKET_WRITE = Map.of(
            "s3:PutObject", Permission.WRITE,
            "s3:DeleteObject", Permission.WRITE,
            "s3:DeleteObjectVersion", Permission.WRITE,
            "s3:AbortMultipartUpload", Permission.WRITE);
    private static final Map<String, Permission> ON_OBJECT = Map.of(
            "s3:GetObject", Permission.READ,
            "s3:GetObjectVersion", Permission.READ,
            "s3:GetObjectAcl", Permission.READ_ACP,
            "s3:GetObjectVersionAcl", Permission.READ_ACP,
            "s3:PutObjectAcl", Permission.WRITE_ACP,
            "s3:PutObjectVersionAcl", Permission.WRITE_ACP);

    private final AclService acls;
    private final Function<String, Mono<PublicAccessBlock>> publicAccess;

    public AclGrants(AclService acls, Function<String, Mono<PublicAccessBlock>> publicAccess) {
        this.acls = acls;
        this.publicAccess = publicAccess;
    }

    @Override
    public Mono<String> grant(Principal principal, ActionCheck check, RequestContext context) {
        if (check.bucket() == null) return Mono.empty();
        boolean onObject = check.key() != null && ON_OBJECT.containsKey(check.action());
        Permission wanted = check.key() == null ? ON_BUCKET.get(check.action())
                : onObject ? ON_OBJECT.get(check.action()) : BUCKET_WRITE.get(check.action());
        if (wanted == null) return Mono.empty();
        return acls.find(check.bucket()).flatMap(found -> {
            if (found.isEmpty() || !found.get().effectiveOwnership().aclsEnabled()) return Mono.<String>empty();
            AclService.BucketAcl bucket = found.get();
            return publicAccess.apply(check.bucket()).flatMap(bpa -> {
                if (!onObject) return Mono.justOrEmpty(match(bucket.acl(), principal, bucket.owner(), wanted, bpa));
                List<String> versionIds = context.get("s3:VersionId");
                String versionId = versionIds == null || versionIds.isEmpty() ? null : versionIds.get(0);
                return Mono.defer(() -> acls.objectAcl(check.bucket(), check.key(), versionId, "GET"))
                        .mapNotNull(v -> match(v.acl(), principal, bucket.owner(), wanted, bpa))
                        .onErrorResume(S3Exception.class, e -> Mono.empty()); // no such key or version: no grant
            });
        }).onErrorResume(S3Exception.class, e -> Mono.empty());
    }

    /** The grant of {@code acl} that gives {@code wanted} to the principal, described; null when none. */
    static String match(Acl acl, Principal principal, String bucketOwner, Permission wanted, PublicAccessBlock bpa) {
        boolean accountCounts = principal.kind() != Principal.Kind.ANONYMOUS
                && (principal.isRoot() || !principal.accountId().equals(bucketOwner));
        if (accountCounts && acl.owner().equals(principal.accountId())
                && (wanted == Permission.READ_ACP || wanted == Permission.WRITE_ACP)) {
            return "owner " + acl.owner() + " " + wanted;
        }
        List<Grantee> who = new ArrayList<>(3);
        who.add(Grantee.group(Grantee.ALL_USERS));
        if (principal.kind() != Principal.Kind.ANONYMOUS) who.add(Grantee.group(Grantee.AUTHENTICATED_USERS));
        if (accountCounts) who.add(Grantee.account(principal.accountId()));
        Acl.Grant g = acl.grantTo(who, wanted, bpa.ignorePublicAcls());
        return g == null ? null : g.grantee().value() + " " + g.permission();
    }
}

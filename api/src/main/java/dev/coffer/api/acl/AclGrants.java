package dev.coffer.api.acl;

import dev.coffer.api.authz.ActionCheck;
import dev.coffer.api.authz.ResourceAcls;
import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.api.policy.PublicAccessBlock;
import dev.coffer.api.service.AclService;
import dev.coffer.auth.policy.Principal;
import dev.coffer.auth.policy.RequestContext;
import dev.coffer.metadata.NoSuchKeyException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    /**
     * Object-level actions, judged with the object's owner as the resource owner: its reads, its
     * ACL, its tags, its retention and legal hold. The bucket's WRITE (PutObject, DeleteObject, DeleteObjectVersion,
     * AbortMultipartUpload) stays the bucket owner's, who may always delete what others wrote.
     */
    private static final Set<String> OF_THE_OBJECT_OWNER = Set.of(
            "s3:GetObject", "s3:GetObjectVersion", "s3:GetObjectAcl", "s3:GetObjectVersionAcl",
            "s3:PutObjectAcl", "s3:PutObjectVersionAcl", "s3:GetObjectAttributes", "s3:GetObjectVersionAttributes",
            "s3:GetObjectTagging", "s3:GetObjectVersionTagging", "s3:PutObjectTagging", "s3:PutObjectVersionTagging",
            "s3:DeleteObjectTagging", "s3:DeleteObjectVersionTagging", "s3:GetObjectRetention", "s3:PutObjectRetention",
            "s3:GetObjectLegalHold", "s3:PutObjectLegalHold");

    private final AclService acls;
    private final Function<String, Mono<PublicAccessBlock>> publicAccess;

    public AclGrants(AclService acls, Function<String, Mono<PublicAccessBlock>> publicAccess) {
        this.acls = acls;
        this.publicAccess = publicAccess;
    }

    @Override
    public Mono<String> objectOwner(ActionCheck check, RequestContext context, String bucketOwner) {
        if (check.key() == null || !OF_THE_OBJECT_OWNER.contains(check.action())) return Mono.empty();
        return Mono.defer(() -> acls.objectAcl(check.bucket(), check.key(), versionId(context), "GET"))
                .map(v -> v.acl().owner())
                .filter(owner -> !owner.equals(bucketOwner))
                .onErrorResume(S3Exception.class, e -> Mono.empty()); // no such key or version: the handler answers
    }

    @Override
    public Mono<Boolean> objectMissing(ActionCheck check, RequestContext context) {
        if (check.key() == null) return Mono.just(false);
        return Mono.defer(() -> acls.objectAcl(check.bucket(), check.key(), versionId(context), "GET"))
                .map(found -> false)
                .onErrorResume(e -> Mono.just(e instanceof NoSuchKeyException
                        || e instanceof S3Exception s && s.code() == S3ErrorCode.NoSuchKey));
    }

    private static String versionId(RequestContext context) {
        List<String> versionIds = context.get("s3:VersionId");
        return versionIds == null || versionIds.isEmpty() ? null : versionIds.get(0);
    }

    @Override
    public Mono<String> grant(Principal principal, ActionCheck check, RequestContext context) {
        // An object a write is about to make has no ACL yet: its owner-to-be is the Authorizer's.
        if (check.bucket() == null || check.newObjectOwner() != null) return Mono.empty();
        boolean onObject = check.key() != null && ON_OBJECT.containsKey(check.action());
        Permission wanted = check.key() == null ? ON_BUCKET.get(check.action())
                : onObject ? ON_OBJECT.get(check.action()) : BUCKET_WRITE.get(check.action());
        if (wanted == null) return Mono.empty();
        return acls.find(check.bucket()).flatMap(found -> {
            if (found.isEmpty() || !found.get().effectiveOwnership().aclsEnabled()) return Mono.<String>empty();
            AclService.BucketAcl bucket = found.get();
            return publicAccess.apply(check.bucket()).flatMap(bpa -> {
                if (!onObject) return Mono.justOrEmpty(match(bucket.acl(), principal, bucket.owner(), wanted, bpa));
                // The object's owner is the resource owner its ACL speaks for (the bucket's, or the writer's).
                return Mono.defer(() -> acls.objectAcl(check.bucket(), check.key(), versionId(context), "GET"))
                        .mapNotNull(v -> match(v.acl(), principal, v.acl().owner(), wanted, bpa))
                        .onErrorResume(S3Exception.class, e -> Mono.empty()); // no such key or version: no grant
            });
        }).onErrorResume(S3Exception.class, e -> Mono.empty());
    }

    /**
     * The grant of {@code acl} that gives {@code wanted} to the principal, described; null when none.
     *
     * @param resourceOwner the account owning the bucket, or the object, the ACL is on: a grant to
     *     it reaches its users only through their own policies, which the Authorizer reads anyway
     */
    static String match(Acl acl, Principal principal, String resourceOwner, Permission wanted, PublicAccessBlock bpa) {
        boolean accountCounts = principal.kind() != Principal.Kind.ANONYMOUS
                && (principal.isRoot() || !principal.accountId().equals(resourceOwner));
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

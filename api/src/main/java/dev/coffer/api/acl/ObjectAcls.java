package dev.coffer.api.acl;

import dev.coffer.api.authz.ActionCheck;
import dev.coffer.api.authz.RequestAccess;
import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.api.policy.PublicAccessBlock;
import dev.coffer.api.service.AclService;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * The owner and ACL a new object (PutObject, CopyObject, CreateMultipartUpload, POST) starts with,
 * from the request's {@code x-amz-acl} / {@code x-amz-grant-*} and the bucket's Object Ownership:
 * under BucketOwnerEnforced the bucket owner owns it and only the owner's private ACL may be asked
 * (else AccessControlListNotSupported); under BucketOwnerPreferred the bucket owner owns what is
 * written with bucket-owner-full-control, the writer the rest; under ObjectWriter the writer. A
 * request that sets an ACL granting anyone but the two owners needs s3:PutObjectAcl too, as in S3
 * (judged with the new object's owner as the resource owner); a public one is AccessDenied under
 * BlockPublicAcls. Kept as the version's (or upload's) {@code acl} attribute, none when the bucket
 * owner owns it privately.
 */
public final class ObjectAcls {
    private final AclService acls;
    private final AccountDirectory accounts;
    private final Function<String, Mono<PublicAccessBlock>> publicAccess;

    public ObjectAcls(AclService acls, AccountDirectory accounts, Function<String, Mono<PublicAccessBlock>> publicAccess) {
        this.acls = acls;
        this.accounts = accounts;
        this.publicAccess = publicAccess;
    }

    /**
     * The attributes the new object starts with for its ACL (empty, or the {@code acl} attribute).
     *
     * @param access who writes (a POST's signer)
     * @param header the request's header (or POST field) by lower-case name
     */
    public Mono<Map<String, byte[]>> attributes(RequestAccess access, String bucket, String key,
                                                Function<String, String> header) {
        Optional<AclSpec> spec;
        try {
            spec = AclSpec.fromHeaders(header, accounts);
        } catch (S3Exception e) {
            return Mono.error(e);
        }
        return acls.bucket(bucket).zipWith(publicAccess.apply(bucket)).flatMap(t -> {
            AclService.BucketAcl b = t.getT1();
            String writer = access.principal().accountId() == null ? b.owner() : access.principal().accountId();
            String owner = switch (b.effectiveOwnership()) {
                case BucketOwnerEnforced -> b.owner();
                case BucketOwnerPreferred -> spec.map(AclSpec::canned).orElse(null) == CannedAcl.BUCKET_OWNER_FULL_CONTROL
                        ? b.owner() : writer;
                case ObjectWriter -> writer;
            };
            Acl acl = spec.map(s -> s.toAcl(owner, b.owner())).orElseGet(() -> Acl.privateTo(owner));
            // An ACL that gives no one but the two owners anything (private, bucket-owner-read,
            // bucket-owner-full-control, or the same by grant headers) needs s3:PutObject alone, as
            // in AWS's cross-account upload examples; any other needs s3:PutObjectAcl on the object
            // about to be made, whose owner-to-be is the resource owner (the writer's account
            // under ObjectWriter: it may set its own object's ACL, as a bucket-WRITE grantee may).
            Mono<Void> allowed = spec.isPresent() && grantsOthers(acl, owner, b.owner())
                    ? access.require(new ActionCheck("s3:PutObjectAcl", bucket, key, owner)) : Mono.empty();
            return allowed.then(Mono.fromCallable(() -> {
                if (!b.effectiveOwnership().aclsEnabled() && !AclHandlers.enforcedAllows(acl, b.owner())) {
                    throw S3Exception.of(S3ErrorCode.AccessControlListNotSupported, "/" + bucket + "/" + key);
                }
                if (t.getT2().blockPublicAcls() && acl.isPublic()) {
                    throw S3Exception.of(S3ErrorCode.AccessDenied, "/" + bucket + "/" + key);
                }
                if (owner.equals(b.owner()) && acl.isPrivate()) return Map.<String, byte[]>of();
                return Map.of(AclService.ACL, acl.encode());
            }));
        });
    }

    private static boolean grantsOthers(Acl acl, String owner, String bucketOwner) {
        return !acl.grants().stream().allMatch(g -> g.grantee().equals(Grantee.account(owner))
                || g.grantee().equals(Grantee.account(bucketOwner)));
    }

    /** {@code base} plus {@code more}. */
    public static Map<String, byte[]> merge(Map<String, byte[]> base, Map<String, byte[]> more) {
        if (more.isEmpty()) return base;
        Map<String, byte[]> merged = new HashMap<>(base);
        merged.putAll(more);
        return merged;
    }
}

package dev.coffer.api.acl;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.api.policy.PublicAccessBlock;
import dev.coffer.api.server.S3Call;
import dev.coffer.api.service.AclService;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * What CreateBucket sets besides the bucket: its Object Ownership ({@code x-amz-object-ownership},
 * else the server's default) and its ACL ({@code x-amz-acl} or {@code x-amz-grant-*}). Checked
 * before the bucket is made, written right after it (two commands: a crash in between leaves a
 * bucket without controls, which behaves as ObjectWriter with the owner's private ACL).
 */
public final class NewBucketAcls {
    private final AclService acls;
    private final AccountDirectory accounts;
    private final ObjectOwnership defaultOwnership;
    private final PublicAccessBlock serverWide;

    public NewBucketAcls(AclService acls, AccountDirectory accounts, ObjectOwnership defaultOwnership,
                         PublicAccessBlock serverWide) {
        this.acls = acls;
        this.accounts = accounts;
        this.defaultOwnership = defaultOwnership;
        this.serverWide = serverWide;
    }

    /** What a new bucket starts with; {@code acl} null for the owner's private ACL. */
    public record Plan(ObjectOwnership ownership, Acl acl) {}

    /**
     * The request's ownership and ACL, checked: an unknown ownership is InvalidArgument, an ACL
     * that BucketOwnerEnforced forbids InvalidBucketAclWithObjectOwnership, a public one under the
     * server's BlockPublicAcls AccessDenied.
     */
    public Plan plan(S3Call call, String owner) {
        String header = call.header("x-amz-object-ownership");
        ObjectOwnership ownership = header == null ? defaultOwnership : ObjectOwnership.named(header.trim())
                .orElseThrow(() -> S3Exception.of(S3ErrorCode.InvalidArgument)
                        .withMessage("Invalid x-amz-object-ownership header: " + header)
                        .with("ArgumentName", "x-amz-object-ownership").with("ArgumentValue", header));
        Optional<AclSpec> spec = AclSpec.fromHeaders(call::header, accounts);
        Acl acl = spec.map(s -> s.toAcl(owner, owner)).orElse(null);
        if (acl != null && !ownership.aclsEnabled() && !AclHandlers.enforcedAllows(acl, owner)) {
            throw S3Exception.of(S3ErrorCode.InvalidBucketAclWithObjectOwnership, call.s3().resource());
        }
        if (acl != null && serverWide.blockPublicAcls() && acl.isPublic()) {
            throw S3Exception.of(S3ErrorCode.AccessDenied, call.s3().resource());
        }
        return new Plan(ownership, acl == null || acl.isPrivate() ? null : acl);
    }

    /** Writes the plan for the bucket just made. */
    public Mono<Void> apply(String bucket, Plan plan) {
        Mono<Void> ownership = acls.setOwnership(bucket, plan.ownership());
        return plan.acl() == null ? ownership : ownership.then(acls.setBucketAcl(bucket, plan.acl()));
    }
}

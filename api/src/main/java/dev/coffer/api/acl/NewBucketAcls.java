package dev.coffer.api.acl;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.api.policy.PublicAccessBlock;
import dev.coffer.api.server.S3Call;
import dev.coffer.api.service.AclService;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What CreateBucket sets besides the bucket: its Object Ownership ({@code x-amz-object-ownership},
 * else the server's default) and its ACL ({@code x-amz-acl} or {@code x-amz-grant-*}). Checked
 * before the bucket is made, and written by the command that makes it (so no crash leaves a
 * bucket without its controls).
 */
public final class NewBucketAcls {
    private final AccountDirectory accounts;
    private final ObjectOwnership defaultOwnership;
    private final PublicAccessBlock serverWide;

    public NewBucketAcls(AccountDirectory accounts, ObjectOwnership defaultOwnership, PublicAccessBlock serverWide) {
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

    /** The plan as the new bucket's first configurations, for the command that creates it. */
    public static SortedMap<String, byte[]> configs(Plan plan) {
        SortedMap<String, byte[]> configs = new TreeMap<>();
        configs.put(AclService.OWNERSHIP, plan.ownership().encode());
        if (plan.acl() != null) configs.put(AclService.ACL, plan.acl().encode());
        return configs;
    }
}

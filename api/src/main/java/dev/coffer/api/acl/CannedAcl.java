package dev.coffer.api.acl;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * S3's canned ACLs (S3 User Guide, "Canned ACL"), as the grants each stands for. Deliberate
 * difference: aws-exec-read's grant to Amazon EC2 has no grantee here, so it is the owner's
 * FULL_CONTROL alone.
 */
public enum CannedAcl {
    PRIVATE("private"),
    PUBLIC_READ("public-read"),
    PUBLIC_READ_WRITE("public-read-write"),
    AWS_EXEC_READ("aws-exec-read"),
    AUTHENTICATED_READ("authenticated-read"),
    BUCKET_OWNER_READ("bucket-owner-read"),
    BUCKET_OWNER_FULL_CONTROL("bucket-owner-full-control"),
    LOG_DELIVERY_WRITE("log-delivery-write");

    private final String header;

    CannedAcl(String header) {
        this.header = header;
    }

    public String header() {
        return header;
    }

    public static Optional<CannedAcl> named(String value) {
        for (CannedAcl c : values()) {
            if (c.header.equals(value)) return Optional.of(c);
        }
        return Optional.empty();
    }

    /**
     * The ACL this canned ACL gives a resource owned by {@code owner} in a bucket owned by
     * {@code bucketOwner} (the same account for a bucket's own ACL: the two bucket-owner ACLs then
     * add nothing, as S3 ignores them on buckets).
     */
    public Acl toAcl(String owner, String bucketOwner) {
        List<Acl.Grant> grants = new ArrayList<>();
        grants.add(new Acl.Grant(Grantee.account(owner), Permission.FULL_CONTROL));
        switch (this) {
            case PUBLIC_READ -> grants.add(new Acl.Grant(Grantee.group(Grantee.ALL_USERS), Permission.READ));
            case PUBLIC_READ_WRITE -> {
                grants.add(new Acl.Grant(Grantee.group(Grantee.ALL_USERS), Permission.READ));
                grants.add(new Acl.Grant(Grantee.group(Grantee.ALL_USERS), Permission.WRITE));
            }
            case AUTHENTICATED_READ -> grants.add(new Acl.Grant(Grantee.group(Grantee.AUTHENTICATED_USERS), Permission.READ));
            case BUCKET_OWNER_READ -> {
                if (!bucketOwner.equals(owner)) grants.add(new Acl.Grant(Grantee.account(bucketOwner), Permission.READ));
            }
            case BUCKET_OWNER_FULL_CONTROL -> {
                if (!bucketOwner.equals(owner)) {
                    grants.add(new Acl.Grant(Grantee.account(bucketOwner), Permission.FULL_CONTROL));
                }
            }
            case LOG_DELIVERY_WRITE -> {
                grants.add(new Acl.Grant(Grantee.group(Grantee.LOG_DELIVERY), Permission.WRITE));
                grants.add(new Acl.Grant(Grantee.group(Grantee.LOG_DELIVERY), Permission.READ_ACP));
            }
            default -> { }
        }
        return new Acl(owner, grants);
    }
}

package dev.coffer.api.service;

import dev.coffer.api.acl.Acl;
import dev.coffer.api.acl.ObjectOwnership;
import dev.coffer.metadata.BucketRecord;
import dev.coffer.metadata.Catalog;
import dev.coffer.metadata.ObjectRecord;
import dev.coffer.metadata.ObjectVersion;
import dev.coffer.metadata.VersionIds;
import java.util.Optional;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * ACLs and Object Ownership over the catalogue, on the I/O scheduler: a bucket's ACL is its
 * {@link #ACL} configuration, its Object Ownership its {@link #OWNERSHIP} configuration, a
 * version's ACL its {@link #ACL} attribute (formats: {@link Acl}, {@link ObjectOwnership}). No
 * ACL stored means the owner's private ACL; a version without one belongs to the bucket's owner.
 */
public final class AclService {
    public static final String ACL = "acl";
    public static final String OWNERSHIP = "ownership";

    private final BlockingIo io;
    private final Catalog catalog;
    private final VersionService versions;
    private final Function<BucketRecord, String> ownerAccount;

    public AclService(BlockingIo io, Catalog catalog, VersionService versions, Function<BucketRecord, String> ownerAccount) {
        this.io = io;
        this.catalog = catalog;
        this.versions = versions;
        this.ownerAccount = ownerAccount;
    }

    /**
     * What ACL decisions need of a bucket.
     *
     * @param ownership its Object Ownership, empty when it has no controls (ObjectWriter)
     */
    public record BucketAcl(String owner, Optional<ObjectOwnership> ownership, Acl acl) {
        public ObjectOwnership effectiveOwnership() {
            return ownership.orElse(ObjectOwnership.ObjectWriter);
        }
    }

    /** The bucket's owner, ownership and ACL; empty when there is no such bucket. */
    public Mono<Optional<BucketAcl>> find(String bucket) {
        return io.call(() -> catalog.getBucket(bucket).map(this::bucketAcl));
    }

    /** The same; NoSuchBucket when there is none. */
    public Mono<BucketAcl> bucket(String bucket) {
        return io.call(() -> bucketAcl(catalog.requireBucket(bucket)));
    }

    /** Blocking. */
    public BucketAcl bucketAclNow(String bucket) {
        return bucketAcl(catalog.requireBucket(bucket));
    }

    private BucketAcl bucketAcl(BucketRecord record) {
        String owner = ownerAccount.apply(record);
        Optional<ObjectOwnership> ownership = catalog.bucketConfig(record.name(), OWNERSHIP).map(ObjectOwnership::decode);
        Acl acl = catalog.bucketConfig(record.name(), ACL).map(Acl::decode).orElseGet(() -> Acl.privateTo(owner));
        return new BucketAcl(owner, ownership, acl);
    }

    /** Replaces the bucket's ACL (the owner's private one is stored as none). */
    public Mono<Void> setBucketAcl(String bucket, Acl acl) {
        return io.run(() -> catalog.setBucketConfig(bucket, ACL, acl.isPrivate() ? null : acl.encode()));
    }

    /** Sets or (null) removes the bucket's Object Ownership; NoSuchBucket when absent. */
    public Mono<Void> setOwnership(String bucket, ObjectOwnership ownership) {
        return io.run(() -> catalog.setBucketConfig(bucket, OWNERSHIP, ownership == null ? null : ownership.encode()));
    }

    /** A version and its ACL. */
    public record VersionAcl(ObjectVersion version, Acl acl) {}

    /**
     * The ACL of the version {@code versionId} names (the latest when null); see {@link VersionTargets}.
     * Under BucketOwnerEnforced it is the bucket owner's FULL_CONTROL whatever was stored before
     * (an object another account wrote while ACLs were honoured), as S3 answers then.
     */
    public Mono<VersionAcl> objectAcl(String bucket, String key, String versionId, String method) {
        VersionService.checkVersionId(versionId);
        return io.call(() -> {
            BucketAcl b = bucketAcl(catalog.requireBucket(bucket));
            ObjectVersion version = VersionTargets.resolve(versions, bucket, key, versionId, method);
            return new VersionAcl(version, b.effectiveOwnership().aclsEnabled()
                    ? aclOf(version.record(), b.owner()) : Acl.privateTo(b.owner()));
        });
    }

    /** A version's ACL: its attribute, or the bucket owner's private ACL. */
    public static Acl aclOf(ObjectRecord record, String bucketOwner) {
        byte[] stored = record.attributes().get(ACL);
        return stored == null ? Acl.privateTo(bucketOwner) : Acl.decode(stored);
    }

    /** Replaces the ACL of the version resolved (by id, so a write landing in between is not the one changed). */
    public Mono<ObjectVersion> setObjectAcl(String bucket, String key, ObjectVersion version, Acl acl, String bucketOwner) {
        return io.call(() -> {
            String id = version.record().versionId() == null ? VersionIds.NULL : version.record().versionId();
            boolean plain = acl.isPrivate() && acl.owner().equals(bucketOwner);
            catalog.setObjectAttribute(bucket, key, id, ACL, plain ? null : acl.encode());
            return version;
        });
    }
}

package dev.coffer.api.policy;

import dev.coffer.api.acl.ObjectOwnership;
import dev.coffer.api.authz.BucketAccess;
import dev.coffer.api.service.AclService;
import dev.coffer.api.service.BlockingIo;
import dev.coffer.metadata.BucketRecord;
import dev.coffer.metadata.Catalog;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * A bucket's policy (config "policy": the JSON document as PutBucketPolicy received it, UTF-8)
 * and Block Public Access settings (config "publicaccessblock"), on the I/O scheduler, and the
 * {@link BucketAccess} the authorizer reads.
 */
public final class BucketPolicies {
    static final String POLICY = "policy";
    static final String PUBLIC_ACCESS_BLOCK = "publicaccessblock";

    private final BlockingIo io;
    private final Catalog catalog;
    private final PublicAccessBlock serverWide;
    private final Function<BucketRecord, String> ownerAccount;

    /**
     * @param serverWide the server's Block Public Access settings, combined with each bucket's
     * @param ownerAccount the account that owns a bucket
     */
    public BucketPolicies(BlockingIo io, Catalog catalog, PublicAccessBlock serverWide,
                          Function<BucketRecord, String> ownerAccount) {
        this.io = io;
        this.catalog = catalog;
        this.serverWide = serverWide;
        this.ownerAccount = ownerAccount;
    }

    /**
     * Owner, policy, effective RestrictPublicBuckets and whether ACLs are honoured (no ownership
     * controls: as ObjectWriter); empty when there is no such bucket.
     */
    public Mono<Optional<BucketAccess>> access(String bucket) {
        Optional<BucketAccess> known = knownAccess(bucket);
        if (known.isPresent()) return Mono.just(known);
        return io.call(() -> catalog.getBucket(bucket).map(record -> access(record,
                catalog.bucketConfig(bucket, POLICY), catalog.bucketConfig(bucket, PUBLIC_ACCESS_BLOCK),
                catalog.bucketConfig(bucket, AclService.OWNERSHIP))));
    }

    /**
     * The bucket's access from the catalogue's hot records, without blocking: empty unless the
     * bucket and each configuration read are in memory and current (then any thread may answer).
     */
    private Optional<BucketAccess> knownAccess(String bucket) {
        var hot = catalog.hot();
        long epoch = hot.epoch();
        Optional<BucketRecord> record = hot.knownBucket(bucket);
        if (record.isEmpty()) return Optional.empty();
        Optional<Optional<byte[]>> policy = hot.knownConfig(bucket, POLICY);
        Optional<Optional<byte[]>> block = hot.knownConfig(bucket, PUBLIC_ACCESS_BLOCK);
        Optional<Optional<byte[]>> ownership = hot.knownConfig(bucket, AclService.OWNERSHIP);
        // Each peek was current when made; the same epoch before and after makes them one state.
        if (policy.isEmpty() || block.isEmpty() || ownership.isEmpty() || hot.epoch() != epoch) return Optional.empty();
        return Optional.of(access(record.get(), policy.get(), block.get(), ownership.get()));
    }

    private BucketAccess access(BucketRecord record, Optional<byte[]> policy, Optional<byte[]> block,
                                Optional<byte[]> ownership) {
        return new BucketAccess(ownerAccount.apply(record), policy.map(BucketPolicies::text).orElse(null),
                effective(block).restrictPublicBuckets(),
                ownership.map(ObjectOwnership::decode).map(ObjectOwnership::aclsEnabled).orElse(true));
    }

    /** The policy document; NoSuchBucket when the bucket is absent. */
    Mono<Optional<String>> policy(String bucket) {
        return io.call(() -> catalog.bucketConfig(catalog.requireBucket(bucket).name(), POLICY).map(BucketPolicies::text));
    }

    Mono<Void> setPolicy(String bucket, String json) {
        return io.run(() -> catalog.setBucketConfig(bucket, POLICY, json == null ? null : json.getBytes(StandardCharsets.UTF_8)));
    }

    /** The bucket's own settings (empty when it has none); NoSuchBucket when the bucket is absent. */
    Mono<Optional<PublicAccessBlock>> publicAccessBlock(String bucket) {
        return io.call(() -> catalog.bucketConfig(catalog.requireBucket(bucket).name(), PUBLIC_ACCESS_BLOCK)
                .map(PublicAccessBlock::decode));
    }

    /** The settings in force: the bucket's combined with the server's. */
    public Mono<PublicAccessBlock> effectivePublicAccessBlock(String bucket) {
        return io.call(() -> effective(catalog.bucketConfig(catalog.requireBucket(bucket).name(), PUBLIC_ACCESS_BLOCK)));
    }

    Mono<Void> setPublicAccessBlock(String bucket, PublicAccessBlock settings) {
        return io.run(() -> catalog.setBucketConfig(bucket, PUBLIC_ACCESS_BLOCK, settings == null ? null : settings.encode()));
    }

    private PublicAccessBlock effective(Optional<byte[]> stored) {
        return stored.map(PublicAccessBlock::decode).orElse(PublicAccessBlock.NONE).or(serverWide);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}

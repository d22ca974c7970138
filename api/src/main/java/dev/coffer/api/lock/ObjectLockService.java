package dev.coffer.api.lock;

import dev.coffer.api.service.BlockingIo;
import dev.coffer.api.service.VersionService;
import dev.coffer.metadata.BucketRecord;
import dev.coffer.metadata.Catalog;
import dev.coffer.metadata.DefaultRetention;
import dev.coffer.metadata.LegalHold;
import dev.coffer.metadata.ObjectVersion;
import dev.coffer.metadata.Retention;
import reactor.core.publisher.Mono;

/**
 * Object Lock over the catalogue, on the I/O scheduler: a bucket's configuration, and one
 * version's retention and legal hold (its {@code retention} and {@code legalhold} attributes).
 * The catalogue enforces the rules; this only reads and submits.
 */
public final class ObjectLockService {
    private final BlockingIo io;
    private final Catalog catalog;
    private final VersionService versions;

    public ObjectLockService(BlockingIo io, Catalog catalog, VersionService versions) {
        this.io = io;
        this.catalog = catalog;
        this.versions = versions;
    }

    public Mono<BucketRecord> bucket(String name) {
        return io.call(() -> catalog.requireBucket(name));
    }

    /** Enables Object Lock (for good) with {@code rule} (null: none) as the default retention. */
    public Mono<Void> configure(String bucket, DefaultRetention rule) {
        return io.run(() -> catalog.versions().setObjectLockConfiguration(bucket, rule));
    }

    /** The version a request names (the latest when {@code versionId} is null), as GET resolves it. */
    public Mono<ObjectVersion> version(String bucket, String key, String versionId) {
        return versions.resolve(bucket, key, versionId);
    }

    /** Sets (null: removes) the version's retention; loosening one needs {@code bypassGovernance}. */
    public Mono<String> setRetention(String bucket, String key, String versionId, Retention retention,
                                     boolean bypassGovernance) {
        VersionService.checkVersionId(versionId);
        return io.call(() -> catalog.setObjectAttribute(bucket, key, versionId, Retention.ATTRIBUTE,
                retention == null ? null : retention.encode(), bypassGovernance));
    }

    public Mono<String> setLegalHold(String bucket, String key, String versionId, boolean on) {
        VersionService.checkVersionId(versionId);
        return io.call(() -> catalog.setObjectAttribute(bucket, key, versionId, LegalHold.ATTRIBUTE,
                LegalHold.encode(on), false));
    }
}

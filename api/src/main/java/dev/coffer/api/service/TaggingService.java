package dev.coffer.api.service;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.metadata.Catalog;
import dev.coffer.metadata.ObjectVersion;
import dev.coffer.metadata.Tags;
import dev.coffer.metadata.VersionIds;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * Object and bucket tags over the catalogue, on the I/O scheduler: a version's tags are its
 * {@link Tags#ATTRIBUTE} attribute (SetObjectAttribute), a bucket's its {@link Tags#BUCKET_CONFIG}
 * configuration (SetBucketConfig). Tag sets arrive here already checked against S3's rules.
 */
public final class TaggingService {
    private final BlockingIo io;
    private final Catalog catalog;
    private final VersionService versions;

    public TaggingService(BlockingIo io, Catalog catalog, VersionService versions) {
        this.io = io;
        this.catalog = catalog;
        this.versions = versions;
    }

    /** A version and its tags. */
    public record Tagged(ObjectVersion version, Map<String, String> tags) {}

    /** The tags of the version {@code versionId} names (the latest when null); see {@link VersionTargets}. */
    public Mono<Tagged> objectTags(String bucket, String key, String versionId) {
        VersionService.checkVersionId(versionId);
        return io.call(() -> {
            ObjectVersion version = VersionTargets.resolve(versions, bucket, key, versionId, "GET");
            return new Tagged(version, Tags.of(version.record()));
        });
    }

    /**
     * Replaces the tags of the version {@code versionId} names (the latest when null) with
     * {@code tags}; none removes them. Answers the version changed.
     */
    public Mono<ObjectVersion> setObjectTags(String bucket, String key, String versionId, Map<String, String> tags,
                                             String method) {
        VersionService.checkVersionId(versionId);
        return io.call(() -> {
            ObjectVersion version = VersionTargets.resolve(versions, bucket, key, versionId, method);
            // The version resolved, by id: a write that lands in between is not the one tagged.
            String id = version.record().versionId() == null ? VersionIds.NULL : version.record().versionId();
            catalog.setObjectAttribute(bucket, key, id, Tags.ATTRIBUTE, Tags.encode(tags));
            return version;
        });
    }

    /** NoSuchBucket unless the bucket exists: answered before a request's body is looked at, as S3 does. */
    public Mono<Void> checkBucket(String bucket) {
        return io.run(() -> catalog.requireBucket(bucket));
    }

    /** The bucket's tags; NoSuchBucket, or NoSuchTagSet when it has none. */
    public Mono<Map<String, String>> bucketTags(String bucket) {
        return io.call(() -> {
            catalog.requireBucket(bucket);
            Map<String, String> tags = Tags.decode(catalog.bucketConfig(bucket, Tags.BUCKET_CONFIG).orElse(null));
            if (tags.isEmpty()) throw S3Exception.of(S3ErrorCode.NoSuchTagSet).with("BucketName", bucket);
            return tags;
        });
    }

    /** Replaces the bucket's tags; none removes them. NoSuchBucket when absent. */
    public Mono<Void> setBucketTags(String bucket, Map<String, String> tags) {
        return io.run(() -> catalog.setBucketConfig(bucket, Tags.BUCKET_CONFIG, Tags.encode(tags)));
    }
}

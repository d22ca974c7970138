package dev.coffer.api.service;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.api.http.HttpDates;
import dev.coffer.metadata.Catalog;
import dev.coffer.metadata.DeleteOutcome;
import dev.coffer.metadata.ObjectVersion;
import dev.coffer.metadata.ObjectVersions;
import dev.coffer.metadata.Versioning;
import dev.coffer.metadata.VersionIds;
import dev.coffer.metadata.VersionsPage;
import dev.coffer.metadata.VersionsQuery;
import dev.coffer.metadata.WriteCondition;
import reactor.core.publisher.Mono;

/**
 * Versioning over the catalogue, on the I/O scheduler: bucket state, resolving the version a
 * request names (with S3's answers for delete markers), deletes, and ListObjectVersions.
 */
public final class VersionService {
    private final BlockingIo io;
    private final Catalog catalog;
    private final ObjectVersions versions;

    public VersionService(BlockingIo io, Catalog catalog) {
        this.io = io;
        this.catalog = catalog;
        this.versions = catalog.versions();
    }

    public Mono<Versioning> versioning(String bucket) {
        return io.call(() -> catalog.requireBucket(bucket).versioning());
    }

    public Mono<Void> setVersioning(String bucket, Versioning state) {
        return io.run(() -> versions.setVersioning(bucket, state));
    }

    /** InvalidArgument unless {@code versionId} is null or an id Coffer could have issued. */
    public static void checkVersionId(String versionId) {
        if (versionId != null && !VersionIds.isWellFormed(versionId)) {
            throw S3Exception.of(S3ErrorCode.InvalidArgument).withMessage("Invalid version id specified")
                    .with("ArgumentName", "versionId").with("ArgumentValue", versionId);
        }
    }

    /**
     * The version a GET, HEAD or copy source names: the latest when {@code versionId} is null.
     * NoSuchKey (with x-amz-delete-marker) when the latest is a delete marker; NoSuchVersion for an
     * unknown id; MethodNotAllowed (with x-amz-delete-marker and Last-Modified) for a delete marker
     * named by id.
     */
    public Mono<ObjectVersion> resolve(String bucket, String key, String versionId) {
        checkVersionId(versionId);
        return io.call(() -> resolveNow(bucket, key, versionId));
    }

    /**
     * {@link #resolve} for GetObject and HeadObject: the current version of a key, when the
     * catalogue holds it in memory (inline bytes or chunk pointers, no encryption), is answered at
     * once on the calling thread, which may be an event loop, with no RocksDB read; anything else
     * as {@link #resolve}. Only for callers whose next steps do not block (a chunked version's
     * bytes are read on the I/O scheduler, by {@link ObjectStreamer} or {@link VerifiedRegions}).
     */
    public Mono<ObjectVersion> resolveForRead(String bucket, String key, String versionId) {
        if (versionId == null) {
            java.util.Optional<ObjectVersion> known = catalog.hot().knownLatest(bucket, key);
            if (known.isPresent() && SseAttribute.of(known.get().record()) == null) return Mono.just(known.get());
        }
        return resolve(bucket, key, versionId);
    }

    /** {@link #resolve}, blocking: call it on the I/O scheduler only. */
    ObjectVersion resolveNow(String bucket, String key, String versionId) {
        checkVersionId(versionId);
        {
            catalog.requireBucket(bucket);
            if (versionId == null) {
                ObjectVersion latest = versions.latest(bucket, key).orElseThrow(() -> noSuchKey(key));
                if (latest.record().deleteMarker()) {
                    throw noSuchKey(key).withHeader("x-amz-delete-marker", "true")
                            .withHeader("x-amz-version-id", latest.reportedVersionId());
                }
                return latest;
            }
            ObjectVersion found = versions.find(bucket, key, versionId).orElseThrow(() ->
                    S3Exception.of(S3ErrorCode.NoSuchVersion).with("Key", key).with("VersionId", versionId));
            if (found.record().deleteMarker()) {
                throw S3Exception.of(S3ErrorCode.MethodNotAllowed)
                        .with("Method", "GET").with("ResourceType", "DeleteMarker")
                        .withHeader("x-amz-delete-marker", "true")
                        .withHeader("x-amz-version-id", found.reportedVersionId())
                        .withHeader("Last-Modified", HttpDates.format(found.record().lastModifiedMillis()))
                        .withHeader("Allow", "DELETE");
            }
            return found;
        }
    }

    /** DeleteObject: the latest (by the bucket's versioning) or one version; NoSuchBucket if absent. */
    public Mono<DeleteOutcome> delete(String bucket, String key, String versionId,
                                      dev.coffer.metadata.EventOrigin origin) {
        return delete(bucket, key, versionId, false, origin);
    }

    /**
     * {@link #delete(String, String, String, dev.coffer.metadata.EventOrigin)}; a version under
     * GOVERNANCE retention is removed only when {@code bypassGovernance} (the caller checked the
     * requester may bypass it). Object Lock's refusals come from the catalogue ({@code ObjectLockedException}).
     */
    public Mono<DeleteOutcome> delete(String bucket, String key, String versionId, boolean bypassGovernance,
                                      dev.coffer.metadata.EventOrigin origin) {
        return delete(bucket, key, versionId, bypassGovernance, WriteCondition.NONE, origin);
    }

    /**
     * {@link #delete(String, String, String, boolean, dev.coffer.metadata.EventOrigin)} if {@code
     * condition} (If-Match) holds for the key's current object, checked by the catalogue atomically
     * with the delete ({@code ConditionalWriteConflict} otherwise). A condition is for the latest
     * version only: {@code versionId} must be null when there is one.
     */
    public Mono<DeleteOutcome> delete(String bucket, String key, String versionId, boolean bypassGovernance,
                                      WriteCondition condition, dev.coffer.metadata.EventOrigin origin) {
        if (versionId != null && !(condition instanceof WriteCondition.None)) {
            throw new IllegalArgumentException("a delete condition applies to the current version only");
        }
        return io.call(() -> {
            checkVersionId(versionId);
            catalog.requireBucket(bucket);
            return versionId == null ? versions.deleteLatest(bucket, key, condition, origin)
                    : versions.deleteVersion(bucket, key, versionId, bypassGovernance, origin);
        });
    }

    public Mono<VersionsPage> list(VersionsQuery query) {
        return io.call(() -> {
            return versions.list(query);
        });
    }

    private static S3Exception noSuchKey(String key) {
        return S3Exception.of(S3ErrorCode.NoSuchKey).with("Key", key);
    }
}

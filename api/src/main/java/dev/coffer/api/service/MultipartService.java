package dev.coffer.api.service;

import dev.coffer.api.checksum.ChecksumAlgorithm;
import dev.coffer.api.lock.DefaultRetentions;
import dev.coffer.metadata.Catalog;
import dev.coffer.metadata.CatalogRefusal;
import dev.coffer.metadata.Retention;
import dev.coffer.metadata.MultipartUploads;
import dev.coffer.metadata.NoSuchUploadException;
import dev.coffer.metadata.ObjectRecord;
import dev.coffer.metadata.ObjectVersion;
import dev.coffer.metadata.PartListPage;
import dev.coffer.metadata.PartRecord;
import dev.coffer.metadata.UploadCompletion;
import dev.coffer.metadata.UploadListPage;
import dev.coffer.metadata.UploadListQuery;
import dev.coffer.metadata.UploadIds;
import dev.coffer.metadata.UploadRecord;
import dev.coffer.metadata.WriteCondition;
import dev.coffer.storage.ChunkRef;
import dev.coffer.storage.ChunkStore;
import dev.coffer.storage.DataKey;
import dev.coffer.api.sse.CustomerKey;
import dev.coffer.api.sse.Encryption;
import dev.coffer.api.sse.SseRecord;
import dev.coffer.api.sse.SseRequest;
import java.io.IOException;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * Joins the catalogue's multipart uploads and the chunk store, on the I/O scheduler. A part that
 * cannot be published has its chunks deleted before the catalogue's refusal is signalled (the
 * server's translator turns it into the S3 error).
 */
public final class MultipartService {
    private final BlockingIo io;
    private final Catalog catalog;
    private final MultipartUploads uploads;
    private final ChunkStore chunks;
    private final ChunkCopier copier;
    private final VersionService versions;
    private final ObjectService objects;
    private final DefaultRetentions defaults;

    public MultipartService(BlockingIo io, Catalog catalog, ChunkStore chunks, ChunkLeases leases, ObjectService objects) {
        this.objects = objects;
        this.defaults = objects.defaultRetentions();
        this.io = io;
        this.catalog = catalog;
        this.uploads = catalog.uploads();
        this.chunks = chunks;
        this.copier = new ChunkCopier(chunks, leases, objects.placement());
        this.versions = new VersionService(io, catalog);
    }

    /**
     * Records the upload {@code withId} makes from a fresh id and the time (ids come from
     * SecureRandom, which may block), sealed as {@code sse} or the bucket's default asks: every
     * part is then encrypted under the upload's one data key.
     */
    public Mono<UploadRecord> create(java.util.function.BiFunction<String, Long, UploadRecord> withId, SseRequest sse) {
        return io.call(() -> {
            long now = System.currentTimeMillis();
            UploadRecord upload = withId.apply(UploadIds.next(now), now);
            Encryption.Sealed sealed = objects.sealNow(upload.bucket(), sse);
            if (sealed != null) upload = upload.withAttribute(SseRecord.ATTRIBUTE, sealed.record().encode());
            uploads.create(upload);
            return upload;
        });
    }

    /** Server-side encryption's decisions. */
    public Encryption encryption() {
        return objects.encryption();
    }

    /** The data key the upload's parts are sealed under (null: stored as sent), given the request's SSE-C key. */
    public DataKey partKey(UploadRecord upload, CustomerKey given) {
        return objects.encryption().open(SseAttribute.of(upload), given, Encryption.Use.PART);
    }

    /** The upload in progress; NoSuchBucket or NoSuchUpload. */
    public Mono<UploadRecord> find(String bucket, String key, String uploadId) {
        return io.call(() -> uploads.get(bucket, key, uploadId).orElseThrow(() -> {
            catalog.requireBucket(bucket);
            return new NoSuchUploadException(bucket, key, String.valueOf(uploadId));
        }));
    }

    /** Publishes a received part (its chunks are deleted if the upload is gone). */
    public Mono<PartRecord> putPart(UploadRecord upload, PartRecord part, StoredBody body) {
        return io.call(() -> publishPart(upload, part, body.chunks()));
    }

    /** Deletes a received part that will not be published. */
    public Mono<Void> discard(StoredBody body) {
        return io.run(() -> {
            for (ChunkRef ref : body.chunks()) chunks.delete(ref.id());
        });
    }

    /** A finished part copy: the source version read and the part published. */
    public record CopiedPart(ObjectVersion source, PartRecord part) {}

    /**
     * Copies bytes [first, last] of the source's version ({@code srcVersionId}, or the latest when
     * null, resolved as CopyObject resolves it) into a new part; {@code check} sees the version's
     * record first and may refuse (conditions, range) or return the range to copy.
     */
    public Mono<CopiedPart> copyPart(String srcBucket, String srcKey, String srcVersionId, UploadRecord upload,
                                     int partNumber, java.util.function.Function<ObjectRecord, long[]> check,
                                     CustomerKey sourceCustomerKey, CustomerKey targetCustomerKey) {
        VersionService.checkVersionId(srcVersionId);
        DataKey targetKey = partKey(upload, targetCustomerKey);
        return io.call(() -> {
            ObjectVersion sourceVersion = CopySources.resolve(versions, srcBucket, srcKey, srcVersionId);
            long[] range = check.apply(sourceVersion.record());
            DataKey sourceKey = objects.openKey(sourceVersion.record(), sourceCustomerKey, Encryption.Use.COPY_SOURCE);
            ChecksumAlgorithm algorithm = upload.checksumAlgorithm() == null ? null
                    : ChecksumAlgorithm.valueOf(upload.checksumAlgorithm());
            ChunkCopier.Copied copied = copier.copy(sourceVersion.record(), sourceKey, range[0], range[1], true,
                    algorithm, targetKey);
            PartRecord part = new PartRecord(partNumber, copied.size(), copied.md5Hex(),
                    System.currentTimeMillis(), upload.checksumAlgorithm(), copied.checksum(),
                    ObjectService.pointers(copied.chunks()));
            return new CopiedPart(sourceVersion, publishPart(upload, part, copied.chunks()));
        });
    }

    public Mono<PartListPage> listParts(String bucket, String key, String uploadId, int afterPartNumber, int maxParts) {
        return io.call(() -> uploads.listParts(bucket, key, uploadId, afterPartNumber, maxParts));
    }

    /** The bucket the uploads are in; NoSuchBucket when it is absent. */
    public Mono<dev.coffer.metadata.BucketRecord> bucket(String name) {
        return io.call(() -> catalog.requireBucket(name));
    }

    public Mono<UploadListPage> listUploads(UploadListQuery query) {
        return io.call(() -> uploads.list(query));
    }

    public Mono<Void> abort(String bucket, String key, String uploadId) {
        return io.run(() -> uploads.abort(bucket, key, uploadId));
    }

    /** Completes the upload if {@code condition} holds at the key (else nothing changes and the upload stays). */
    public Mono<UploadCompletion> complete(String bucket, String key, String uploadId, UploadCompletion.Plan plan,
                                           WriteCondition condition, dev.coffer.metadata.EventOrigin origin) {
        // The bucket's default retention, for an upload that did not name its own retention.
        UploadCompletion.Plan dated = (upload, parts) -> {
            ObjectRecord record = plan.build(upload, parts);
            if (upload.attributes().containsKey(Retention.ATTRIBUTE)) return record;
            return record.withAttributes(defaults.apply(catalog.requireBucket(bucket), record.attributes(),
                    record.lastModifiedMillis()));
        };
        return io.call(() -> uploads.complete(bucket, key, uploadId, dated, condition, origin));
    }

    private PartRecord publishPart(UploadRecord upload, PartRecord part, List<ChunkRef> written) throws IOException {
        try {
            uploads.putPart(upload.bucket(), upload.key(), upload.uploadId(), part);
            return part;
        } catch (CatalogRefusal e) { // only then surely unpublished (see ObjectService.publishNow)
            for (ChunkRef ref : written) chunks.delete(ref.id());
            throw e;
        }
    }
}

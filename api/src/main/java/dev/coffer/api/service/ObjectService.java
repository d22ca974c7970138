package dev.coffer.api.service;

import dev.coffer.api.lock.DefaultRetentions;
import dev.coffer.metadata.BucketRecord;
import dev.coffer.metadata.Catalog;
import dev.coffer.metadata.CatalogRefusal;
import dev.coffer.metadata.ChunkPointer;
import dev.coffer.metadata.ObjectRecord;
import dev.coffer.metadata.ObjectVersion;
import dev.coffer.metadata.WriteCondition;
import dev.coffer.storage.ChunkRef;
import dev.coffer.storage.ChunkStore;
import dev.coffer.storage.DataKey;
import dev.coffer.api.sse.BucketEncryption;
import dev.coffer.api.sse.CustomerKey;
import dev.coffer.api.sse.Encryption;
import dev.coffer.api.sse.SseRequest;
import java.util.List;
import java.util.Optional;
import reactor.core.publisher.Mono;

/** Joins the catalogue and the chunk store for object reads and writes; every call runs on the I/O scheduler. */
public final class ObjectService {
    private final BlockingIo io;
    private final Catalog catalog;
    private final ChunkStore chunks;
    private final ChunkCopier copier;
    private final VersionService versions;
    private final Encryption encryption;
    private final DefaultRetentions defaults;
    private final ChunkPlacement placement;

    public ObjectService(BlockingIo io, Catalog catalog, ChunkStore chunks, ChunkLeases leases, Encryption encryption) {
        this(io, catalog, chunks, leases, encryption, DefaultRetentions.standard());
    }

    /** @param defaults how a bucket's default retention dates a new version (the length of a day) */
    public ObjectService(BlockingIo io, Catalog catalog, ChunkStore chunks, ChunkLeases leases, Encryption encryption,
                         DefaultRetentions defaults) {
        this(io, catalog, chunks, leases, encryption, defaults, ChunkPlacement.local(chunks));
    }

    /** @param placement where new chunks are copied to and chunks read from (a cluster's replicas) */
    public ObjectService(BlockingIo io, Catalog catalog, ChunkStore chunks, ChunkLeases leases, Encryption encryption,
                         DefaultRetentions defaults, ChunkPlacement placement) {
        this.placement = placement;
        this.defaults = defaults;
        this.io = io;
        this.catalog = catalog;
        this.chunks = chunks;
        this.copier = new ChunkCopier(chunks, leases, placement);
        this.versions = new VersionService(io, catalog);
        this.encryption = encryption;
    }

    /** Where chunks are copied to and read from (multipart uploads use it too). */
    public ChunkPlacement placement() {
        return placement;
    }

    /** How a bucket's default retention dates new versions (multipart completions use it too). */
    public DefaultRetentions defaultRetentions() {
        return defaults;
    }

    /** Server-side encryption's decisions (keys to seal and open versions with). */
    public Encryption encryption() {
        return encryption;
    }

    /**
     * The data key and {@code sse} attribute a new version of a key in {@code bucket} is sealed
     * with: the request's choice, else the bucket's default; empty when it is stored as sent.
     * NoSuchBucket when the bucket is absent.
     */
    public Mono<Optional<Encryption.Sealed>> seal(String bucket, SseRequest request) {
        return io.call(() -> Optional.ofNullable(sealNow(bucket, request)));
    }

    /** {@link #seal}, blocking: call it on the I/O scheduler only; null when stored as sent. */
    Encryption.Sealed sealNow(String bucket, SseRequest request) {
        catalog.requireBucket(bucket);
        return encryption.seal(request, bucketEncryption(bucket));
    }

    /** The bucket's default encryption (PutBucketEncryption), if it has one; blocking. */
    public Optional<BucketEncryption> bucketEncryption(String bucket) {
        return catalog.bucketConfig(bucket, BucketEncryption.CONFIG_NAME).map(BucketEncryption::decode);
    }

    /** The version's data key, given the SSE-C key the request sent for it (or null); see {@link Encryption#open}. */
    public DataKey openKey(ObjectRecord record, CustomerKey given, Encryption.Use use) {
        return encryption.open(SseAttribute.of(record), given, use);
    }

    /** Versioning: resolving the version a request names, deletes, ListObjectVersions. */
    public VersionService versions() {
        return versions;
    }

    /** The current record of a key; NoSuchBucket or NoSuchKey when absent. */
    public Mono<ObjectRecord> find(String bucket, String key) {
        return io.call(() -> catalog.requireObject(bucket, key));
    }

    /**
     * Publishes a received body as the key's new version. If the catalogue refuses (no bucket, a
     * failed condition), the body's chunks are deleted before the refusal is signalled.
     */
    public Mono<ObjectVersion> publish(String bucket, String key, ObjectRecord record, StoredBody body, WriteCondition condition,
                                       dev.coffer.metadata.EventOrigin origin) {
        return io.call(() -> publishNow(bucket, key, record, body, condition, origin));
    }

    /** {@link #publish}, blocking: call it on the I/O scheduler only. {@code origin}: what its event tells. */
    ObjectVersion publishNow(String bucket, String key, ObjectRecord record, StoredBody body, WriteCondition condition,
                             dev.coffer.metadata.EventOrigin origin) throws java.io.IOException {
        try {
            // As published: with its version id when the bucket's versioning is enabled.
            return catalog.versions().publish(bucket, key, withDefaultRetention(bucket, record), condition, origin);
        } catch (CatalogRefusal e) {
            // Refused: nothing was written. Any other failure (RocksDB's) may have left the command in
            // the WAL, to replay at the next start: its chunks stay for the orphan sweep to judge.
            discardNow(body.chunks());
            throw e;
        }
    }

    /** Deletes a received body that will not be published. */
    public Mono<Void> discard(StoredBody body) {
        return io.run(() -> discardNow(body.chunks()));
    }

    void discardNow(List<ChunkRef> refs) throws java.io.IOException {
        for (ChunkRef ref : refs) chunks.delete(ref.id());
    }

    /** Removes the key if present (S3 answers 204 either way); NoSuchBucket if the bucket is absent. */
    public Mono<Optional<ObjectRecord>> delete(String bucket, String key) {
        return io.call(() -> {
            catalog.requireBucket(bucket);
            return catalog.deleteObject(bucket, key);
        });
    }

    /** A finished copy: the source version read and the target version published. */
    public record Copied(ObjectVersion source, ObjectVersion target) {}

    /**
     * Copies the source's version ({@code srcVersionId}, or the latest when null) to the target key,
     * once {@code check} accepted the source's record (it throws to refuse, e.g. failed copy-source
     * conditions), with new headers and metadata (REPLACE) or the source's when they are null (COPY),
     * and the version attributes {@code attributes} gives for the source (a copy starts with none),
     * if {@code condition} (the request's If-Match / If-None-Match) holds at the target when published.
     */
    public Mono<Copied> copy(String srcBucket, String srcKey, String srcVersionId, String dstBucket, String dstKey,
                             java.util.function.Consumer<ObjectRecord> check, java.util.Map<String, String> contentHeaders,
                             java.util.Map<String, String> userMetadata,
                             java.util.function.Function<ObjectRecord, java.util.Map<String, byte[]>> attributes,
                             CustomerKey sourceCustomerKey, SseRequest targetSse, WriteCondition condition,
                             dev.coffer.metadata.EventOrigin origin) {
        VersionService.checkVersionId(srcVersionId);
        return io.call(() -> {
            ObjectVersion sourceVersion = CopySources.resolve(versions, srcBucket, srcKey, srcVersionId);
            ObjectRecord source = sourceVersion.record();
            check.accept(source);
            DataKey sourceKey = openKey(source, sourceCustomerKey, Encryption.Use.COPY_SOURCE);
            Encryption.Sealed sealed = sealNow(dstBucket, targetSse);
            DataKey targetKey = sealed == null ? null : sealed.key();
            // Bytes are always re-encrypted (or decrypted): a copy's chunks have new ids, hence new counters.
            List<ChunkRef> copied = source.inline() != null ? List.of() : copier.copyAll(source, sourceKey, targetKey);
            ObjectRecord record = SseAttribute.sealedCopy(ObjectRecord.ofCopy(source, contentHeaders, userMetadata,
                    pointers(copied), System.currentTimeMillis()).withAttributes(attributes.apply(source)), sourceKey, sealed);
            record = withDefaultRetention(dstBucket, record);
            try {
                return new Copied(sourceVersion, catalog.versions().publish(dstBucket, dstKey, record, condition, origin));
            } catch (CatalogRefusal e) { // only then surely unpublished (see publishNow)
                discardNow(copied);
                throw e;
            }
        });
    }

    /** The record with the bucket's default retention added, unless it names its own ({@link DefaultRetentions}). */
    private ObjectRecord withDefaultRetention(String bucket, ObjectRecord record) {
        BucketRecord b = catalog.requireBucket(bucket);
        if (b.defaultRetention() == null) return record;
        return record.withAttributes(defaults.apply(b, record.attributes(), record.lastModifiedMillis()));
    }

    public Mono<Void> checkBucket(String bucket) {
        return io.run(() -> catalog.requireBucket(bucket));
    }

    public static List<ChunkPointer> pointers(List<ChunkRef> refs) {
        return refs.stream().map(r -> new ChunkPointer(r.id().value(), r.length(), r.replicas())).toList();
    }
}

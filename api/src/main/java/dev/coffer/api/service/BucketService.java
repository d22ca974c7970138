package dev.coffer.api.service;

import dev.coffer.metadata.BucketRecord;
import dev.coffer.metadata.Catalog;
import dev.coffer.metadata.ListPage;
import dev.coffer.metadata.ListQuery;
import java.util.List;
import reactor.core.publisher.Mono;

/** Bucket operations over the catalogue, on the I/O scheduler. */
public final class BucketService {
    private final BlockingIo io;
    private final Catalog catalog;

    public BucketService(BlockingIo io, Catalog catalog) {
        this.io = io;
        this.catalog = catalog;
    }

    public Mono<List<BucketRecord>> list() {
        return io.call(catalog::listBuckets);
    }

    /** Up to {@code max} buckets named with {@code prefix} after {@code after} (null: from the first), in {@code region} if not null. */
    public Mono<List<BucketRecord>> list(String prefix, String after, String region, int max) {
        return io.call(() -> catalog.listBuckets(prefix, after, region, max));
    }

    /** Up to {@code max} of the buckets {@code include} accepts, named with {@code prefix} after {@code after}, in {@code region} if not null. */
    public Mono<List<BucketRecord>> list(String prefix, String after, String region,
                                         java.util.function.Predicate<BucketRecord> include, int max) {
        return io.call(() -> catalog.listBuckets(prefix, after, region, include, max));
    }

    /** The bucket, or empty (no error either way). */
    public Mono<java.util.Optional<BucketRecord>> lookup(String name) {
        return io.call(() -> catalog.getBucket(name));
    }

    /** Refused (BucketExistsException) when a bucket of that name exists. */
    public Mono<Void> create(BucketRecord bucket) {
        return io.run(() -> catalog.createBucket(bucket));
    }

    /** Creates the bucket with its first configurations (name to value), in one catalogue command. */
    public Mono<Void> create(BucketRecord bucket, java.util.SortedMap<String, byte[]> configs) {
        return io.run(() -> catalog.createBucket(bucket, configs));
    }

    /** Whether a bucket of that name exists (no error either way). */
    public Mono<Boolean> exists(String name) {
        return io.call(() -> catalog.getBucket(name).isPresent());
    }

    public Mono<BucketRecord> find(String name) {
        return io.call(() -> catalog.requireBucket(name));
    }

    public Mono<Void> delete(String name) {
        return io.run(() -> catalog.deleteBucket(name));
    }

    /** One listing page; NoSuchBucket when the bucket is absent. */
    public Mono<ListPage> list(ListQuery query) {
        return io.call(() -> catalog.list(query));
    }
}

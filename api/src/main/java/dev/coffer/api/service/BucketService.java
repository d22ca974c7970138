package dev.coffer.api.service;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
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

    /** BucketAlreadyOwnedByYou when it exists (every principal is the root owner for now). */
    public Mono<Void> create(BucketRecord bucket) {
        return io.run(() -> {
            if (!catalog.createBucket(bucket)) {
                throw S3Exception.of(S3ErrorCode.BucketAlreadyOwnedByYou).with("BucketName", bucket.name());
            }
        });
    }

    public Mono<BucketRecord> find(String name) {
        return io.call(() -> catalog.getBucket(name).orElseThrow(
                () -> S3Exception.of(S3ErrorCode.NoSuchBucket).with("BucketName", name)));
    }

    public Mono<Void> delete(String name) {
        return io.run(() -> catalog.deleteBucket(name));
    }

    /** One listing page; NoSuchBucket when the bucket is absent. */
    public Mono<ListPage> list(ListQuery query) {
        return io.call(() -> {
            if (catalog.getBucket(query.bucket()).isEmpty()) {
                throw S3Exception.of(S3ErrorCode.NoSuchBucket).with("BucketName", query.bucket());
            }
            return catalog.list(query);
        });
    }
}

package dev.coffer.api.handler;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.api.lifecycle.LifecycleConfigs;
import dev.coffer.api.routing.S3Operation;
import dev.coffer.api.server.S3Call;
import dev.coffer.api.server.S3Handler;
import dev.coffer.api.service.BlockingIo;
import dev.coffer.api.xml.LifecycleConfiguration;
import dev.coffer.api.xml.S3Xml;
import dev.coffer.metadata.Catalog;
import java.util.List;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;

/**
 * PutBucketLifecycleConfiguration, GetBucketLifecycleConfiguration and DeleteBucketLifecycle:
 * the bucket's rules, validated as S3 validates them ({@link dev.coffer.api.lifecycle.LifecycleRules}),
 * kept as the bucket's {@code lifecycle} configuration and enforced by the {@code lifecycle} job.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketLifecycleConfiguration.html
 */
public final class LifecycleHandlers {
    private LifecycleHandlers() {}

    public static List<S3Handler> all(BlockingIo io, Catalog catalog, LifecycleConfigs configs, S3Xml xml,
                                      SmallBodies bodies) {
        return List.of(new Put(io, catalog, configs, xml, bodies), new Get(io, catalog, configs),
                new Delete(io, catalog, configs));
    }

    /** PutBucketLifecycleConfiguration: replaces the whole configuration; needs Content-MD5 or a checksum, as S3 does. */
    static final class Put implements S3Handler {
        private final BlockingIo io;
        private final Catalog catalog;
        private final LifecycleConfigs configs;
        private final S3Xml xml;
        private final SmallBodies bodies;

        Put(BlockingIo io, Catalog catalog, LifecycleConfigs configs, S3Xml xml, SmallBodies bodies) {
            this.io = io;
            this.catalog = catalog;
            this.configs = configs;
            this.xml = xml;
            this.bodies = bodies;
        }

        @Override
        public S3Operation operation() {
            return S3Operation.PUT_BUCKET_LIFECYCLE_CONFIGURATION;
        }

        @Override
        public Mono<Void> handle(S3Call call) {
            String bucket = call.s3().bucket();
            return io.call(() -> catalog.requireBucket(bucket)) // NoSuchBucket before any complaint about the body
                    .then(bodies.read(call))
                    .flatMap(body -> {
                        BodyIntegrity.requireDigest(call, body.bytes(), body.trailers());
                        LifecycleConfiguration config = xml.read(body.bytes(), LifecycleConfiguration.class);
                        return io.call(() -> configs.store(bucket, config));
                    })
                    .then(Mono.defer(() -> call.empty(HttpStatus.OK)));
        }
    }

    /** GetBucketLifecycleConfiguration: the configuration as stored; NoSuchLifecycleConfiguration when none. */
    static final class Get implements S3Handler {
        private final BlockingIo io;
        private final Catalog catalog;
        private final LifecycleConfigs configs;

        Get(BlockingIo io, Catalog catalog, LifecycleConfigs configs) {
            this.io = io;
            this.catalog = catalog;
            this.configs = configs;
        }

        @Override
        public S3Operation operation() {
            return S3Operation.GET_BUCKET_LIFECYCLE_CONFIGURATION;
        }

        @Override
        public Mono<Void> handle(S3Call call) {
            String bucket = call.s3().bucket();
            return io.call(() -> {
                catalog.requireBucket(bucket);
                return configs.document(bucket).orElseThrow(() ->
                        S3Exception.of(S3ErrorCode.NoSuchLifecycleConfiguration, "/" + bucket).with("BucketName", bucket));
            }).flatMap(document -> call.xml(HttpStatus.OK, document));
        }
    }

    /** DeleteBucketLifecycle: 204 whether or not there was one, as S3 answers. */
    static final class Delete implements S3Handler {
        private final BlockingIo io;
        private final Catalog catalog;
        private final LifecycleConfigs configs;

        Delete(BlockingIo io, Catalog catalog, LifecycleConfigs configs) {
            this.io = io;
            this.catalog = catalog;
            this.configs = configs;
        }

        @Override
        public S3Operation operation() {
            return S3Operation.DELETE_BUCKET_LIFECYCLE;
        }

        @Override
        public Mono<Void> handle(S3Call call) {
            String bucket = call.s3().bucket();
            return io.run(() -> {
                catalog.requireBucket(bucket);
                configs.delete(bucket);
            }).then(Mono.defer(() -> call.empty(HttpStatus.NO_CONTENT)));
        }
    }
}

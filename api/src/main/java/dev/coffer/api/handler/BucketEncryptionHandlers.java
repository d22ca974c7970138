package dev.coffer.api.handler;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.api.routing.S3Operation;
import dev.coffer.api.server.S3Call;
import dev.coffer.api.server.S3Handler;
import dev.coffer.api.service.BlockingIo;
import dev.coffer.api.sse.BucketEncryption;
import dev.coffer.api.sse.KeyRing;
import dev.coffer.api.xml.S3Xml;
import dev.coffer.api.xml.ServerSideEncryptionConfiguration;
import dev.coffer.metadata.Catalog;
import java.util.List;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;

/**
 * A bucket's default encryption, kept as the bucket configuration {@code encryption}
 * ({@link BucketEncryption}): new objects without encryption headers are sealed under it.
 */
public final class BucketEncryptionHandlers {
    private BucketEncryptionHandlers() {}

    public static List<S3Handler> all(BlockingIo io, Catalog catalog, KeyRing keyRing, S3Xml xml, SmallBodies bodies) {
        return List.of(new Get(io, catalog, keyRing, xml), new Put(io, catalog, xml, bodies), new Delete(io, catalog));
    }

    /**
     * GetBucketEncryption: the configuration, or 404 ServerSideEncryptionConfigurationNotFoundError.
     * https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketEncryption.html
     */
    record Get(BlockingIo io, Catalog catalog, KeyRing keyRing, S3Xml xml) implements S3Handler {
        @Override
        public S3Operation operation() {
            return S3Operation.GET_BUCKET_ENCRYPTION;
        }

        @Override
        public Mono<Void> handle(S3Call call) {
            String bucket = call.s3().bucket();
            return io.call(() -> {
                BucketEncryption config = catalog.bucketConfig(bucket, BucketEncryption.CONFIG_NAME)
                        .map(BucketEncryption::decode)
                        .orElseThrow(() -> S3Exception.of(S3ErrorCode.ServerSideEncryptionConfigurationNotFoundError)
                                .with("BucketName", bucket));
                String keyId = config.kmsKeyId();
                String arn = keyId == null ? null : keyRing.find(keyId).map(KeyRing.KeyInfo::arn).orElse(keyId);
                return xml.write(config.toXml(arn));
            }).flatMap(document -> call.xml(HttpStatus.OK, document));
        }
    }

    /**
     * PutBucketEncryption: SSE-S3 or SSE-KMS as the bucket's default (SSE-C cannot be one).
     * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketEncryption.html
     */
    record Put(BlockingIo io, Catalog catalog, S3Xml xml, SmallBodies bodies) implements S3Handler {
        @Override
        public S3Operation operation() {
            return S3Operation.PUT_BUCKET_ENCRYPTION;
        }

        @Override
        public Mono<Void> handle(S3Call call) {
            String bucket = call.s3().bucket();
            return io.run(() -> catalog.requireBucket(bucket)) // NoSuchBucket before any complaint about the body
                    .then(bodies.read(call))
                    .map(body -> BucketEncryption.of(xml.read(body.bytes(), ServerSideEncryptionConfiguration.class)))
                    .flatMap(config -> io.run(() -> catalog.setBucketConfig(bucket, BucketEncryption.CONFIG_NAME,
                            config.encode())))
                    .then(call.empty(HttpStatus.OK));
        }
    }

    /**
     * DeleteBucketEncryption: objects written later are stored as sent (existing ones keep theirs).
     * https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteBucketEncryption.html
     */
    record Delete(BlockingIo io, Catalog catalog) implements S3Handler {
        @Override
        public S3Operation operation() {
            return S3Operation.DELETE_BUCKET_ENCRYPTION;
        }

        @Override
        public Mono<Void> handle(S3Call call) {
            return io.run(() -> catalog.setBucketConfig(call.s3().bucket(), BucketEncryption.CONFIG_NAME, null))
                    .then(call.empty(HttpStatus.NO_CONTENT));
        }
    }
}

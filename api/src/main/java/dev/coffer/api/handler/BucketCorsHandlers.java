package dev.coffer.api.handler;

import dev.coffer.api.cors.CorsConfig;
import dev.coffer.api.cors.CorsStore;
import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.api.routing.S3Operation;
import dev.coffer.api.server.S3Call;
import dev.coffer.api.server.S3Handler;
import dev.coffer.api.service.BucketService;
import dev.coffer.api.xml.S3Xml;
import java.util.List;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;

/**
 * The bucket CORS operations. Each looks the bucket up first, so that NoSuchBucket comes before
 * any complaint about the body, as in S3. The configuration is kept as the document
 * GetBucketCors answers: the rules as given, in their order, each element's text as sent.
 */
public final class BucketCorsHandlers {
    private BucketCorsHandlers() {}

    public static List<S3Handler> all(BucketService buckets, CorsStore store, S3Xml xml, SmallBodies bodies) {
        return List.of(new PutBucketCors(buckets, store, xml, bodies), new GetBucketCors(buckets, store, xml),
                new DeleteBucketCors(buckets, store));
    }

    /**
     * PutBucketCors: replaces the configuration; Content-MD5 or a flexible checksum required, as
     * for every S3 configuration body; at most 64 KB.
     * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketCors.html
     */
    record PutBucketCors(BucketService buckets, CorsStore store, S3Xml xml, SmallBodies bodies) implements S3Handler {
        public S3Operation operation() {
            return S3Operation.PUT_BUCKET_CORS;
        }

        public Mono<Void> handle(S3Call call) {
            String bucket = call.s3().bucket();
            return buckets.find(bucket)
                    .then(bodies.read(call))
                    .map(body -> {
                        if (body.bytes().length > CorsConfig.MAX_DOCUMENT_BYTES) {
                            throw S3Exception.of(S3ErrorCode.MaxMessageLengthExceeded);
                        }
                        BodyIntegrity.requireDigest(call, body.bytes(), body.trailers());
                        return CorsConfig.parse(body.bytes(), xml);
                    })
                    .flatMap(config -> store.put(bucket, config))
                    .then(call.empty(HttpStatus.OK));
        }
    }

    /**
     * GetBucketCors: the configuration, or 404 NoSuchCORSConfiguration naming the bucket.
     * https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketCors.html
     */
    record GetBucketCors(BucketService buckets, CorsStore store, S3Xml xml) implements S3Handler {
        public S3Operation operation() {
            return S3Operation.GET_BUCKET_CORS;
        }

        public Mono<Void> handle(S3Call call) {
            String bucket = call.s3().bucket();
            return buckets.find(bucket).then(store.find(bucket)).flatMap(config -> config
                    .map(c -> call.xml(HttpStatus.OK, c.toXml(xml)))
                    .orElseGet(() -> Mono.error(S3Exception.of(S3ErrorCode.NoSuchCORSConfiguration, call.s3().resource())
                            .with("BucketName", bucket))));
        }
    }

    /**
     * DeleteBucketCors: 204, with or without a configuration.
     * https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteBucketCors.html
     */
    record DeleteBucketCors(BucketService buckets, CorsStore store) implements S3Handler {
        public S3Operation operation() {
            return S3Operation.DELETE_BUCKET_CORS;
        }

        public Mono<Void> handle(S3Call call) {
            String bucket = call.s3().bucket();
            return buckets.find(bucket).then(store.delete(bucket)).then(call.empty(HttpStatus.NO_CONTENT));
        }
    }
}

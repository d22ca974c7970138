package dev.coffer.api.handler;

import dev.coffer.api.notify.NotificationDocuments;
import dev.coffer.api.notify.TargetArn;
import dev.coffer.api.routing.S3Operation;
import dev.coffer.api.server.S3Call;
import dev.coffer.api.server.S3Handler;
import dev.coffer.api.service.BlockingIo;
import dev.coffer.api.xml.NotificationConfiguration;
import dev.coffer.api.xml.S3Xml;
import dev.coffer.metadata.Catalog;
import dev.coffer.metadata.NotificationConfig;
import java.util.List;
import java.util.function.Predicate;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;

/**
 * A bucket's event notification configuration, kept as the bucket configuration
 * {@value NotificationConfig#CONFIG_NAME} ({@link NotificationConfig}); the catalogue writes an
 * event for each matching change in that change's own command (docs/notifications.md).
 */
public final class BucketNotificationHandlers {
    private BucketNotificationHandlers() {}

    /** @param declared whether an ARN names a target the operator declared */
    public static List<S3Handler> all(BlockingIo io, Catalog catalog, S3Xml xml, SmallBodies bodies,
                                      Predicate<TargetArn> declared) {
        return List.of(new Get(io, catalog, xml), new Put(io, catalog, xml, bodies, declared));
    }

    /**
     * GetBucketNotificationConfiguration: the configuration, or an empty
     * {@code NotificationConfiguration} when there is none.
     * https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketNotificationConfiguration.html
     */
    record Get(BlockingIo io, Catalog catalog, S3Xml xml) implements S3Handler {
        @Override
        public S3Operation operation() {
            return S3Operation.GET_BUCKET_NOTIFICATION_CONFIGURATION;
        }

        @Override
        public Mono<Void> handle(S3Call call) {
            String bucket = call.s3().bucket();
            return io.call(() -> {
                catalog.requireBucket(bucket);
                NotificationConfig config = catalog.bucketConfig(bucket, NotificationConfig.CONFIG_NAME)
                        .map(NotificationConfig::decode).orElse(new NotificationConfig(List.of()));
                return xml.write(NotificationDocuments.toXml(config));
            }).flatMap(document -> call.xml(HttpStatus.OK, document));
        }
    }

    /**
     * PutBucketNotificationConfiguration: replaces the configuration; an empty one removes it.
     * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketNotificationConfiguration.html
     */
    record Put(BlockingIo io, Catalog catalog, S3Xml xml, SmallBodies bodies, Predicate<TargetArn> declared)
            implements S3Handler {
        @Override
        public S3Operation operation() {
            return S3Operation.PUT_BUCKET_NOTIFICATION_CONFIGURATION;
        }

        @Override
        public Mono<Void> handle(S3Call call) {
            String bucket = call.s3().bucket();
            return io.run(() -> catalog.requireBucket(bucket)) // NoSuchBucket before any complaint about the body
                    .then(bodies.read(call))
                    .map(body -> NotificationDocuments.parse(
                            xml.read(body.bytes(), NotificationConfiguration.class), declared))
                    .flatMap(config -> io.run(() -> catalog.setBucketConfig(bucket, NotificationConfig.CONFIG_NAME,
                            config.rules().isEmpty() ? null : config.encode())))
                    .then(call.empty(HttpStatus.OK));
        }
    }
}

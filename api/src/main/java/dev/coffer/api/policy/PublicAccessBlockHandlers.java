package dev.coffer.api.policy;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.api.handler.SmallBodies;
import dev.coffer.api.routing.S3Operation;
import dev.coffer.api.server.S3Call;
import dev.coffer.api.server.S3Handler;
import dev.coffer.api.xml.PublicAccessBlockConfiguration;
import dev.coffer.api.xml.S3Xml;
import java.util.List;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;

/**
 * A bucket's own Block Public Access settings. The server's ({@code coffer.public-access-block.*})
 * apply on top of them, as an AWS account's do, and are not shown here.
 */
public final class PublicAccessBlockHandlers {
    private PublicAccessBlockHandlers() {}

    public static List<S3Handler> all(BucketPolicies policies, S3Xml xml, SmallBodies bodies) {
        return List.of(new GetPublicAccessBlock(policies, xml), new PutPublicAccessBlock(policies, xml, bodies),
                new DeletePublicAccessBlock(policies));
    }

    /** https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetPublicAccessBlock.html */
    record GetPublicAccessBlock(BucketPolicies policies, S3Xml xml) implements S3Handler {
        public S3Operation operation() {
            return S3Operation.GET_PUBLIC_ACCESS_BLOCK;
        }

        public Mono<Void> handle(S3Call call) {
            return policies.publicAccessBlock(call.s3().bucket()).flatMap(settings -> call.xml(HttpStatus.OK,
                    xml.write(settings.orElseThrow(() -> S3Exception.of(S3ErrorCode.NoSuchPublicAccessBlockConfiguration,
                            call.s3().resource()).with("BucketName", call.s3().bucket())).xml())));
        }
    }

    /** https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutPublicAccessBlock.html */
    record PutPublicAccessBlock(BucketPolicies policies, S3Xml xml, SmallBodies bodies) implements S3Handler {
        public S3Operation operation() {
            return S3Operation.PUT_PUBLIC_ACCESS_BLOCK;
        }

        public Mono<Void> handle(S3Call call) {
            String bucket = call.s3().bucket();
            return policies.publicAccessBlock(bucket) // NoSuchBucket before any complaint about the body
                    .then(bodies.read(call))
                    .map(body -> PublicAccessBlock.of(xml.read(body.bytes(), PublicAccessBlockConfiguration.class)))
                    .flatMap(settings -> policies.setPublicAccessBlock(bucket, settings))
                    .then(call.empty(HttpStatus.OK));
        }
    }

    /** https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeletePublicAccessBlock.html */
    record DeletePublicAccessBlock(BucketPolicies policies) implements S3Handler {
        public S3Operation operation() {
            return S3Operation.DELETE_PUBLIC_ACCESS_BLOCK;
        }

        public Mono<Void> handle(S3Call call) {
            return policies.setPublicAccessBlock(call.s3().bucket(), null).then(call.empty(HttpStatus.NO_CONTENT));
        }
    }
}

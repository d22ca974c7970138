package dev.coffer.api.handler;

import dev.coffer.api.routing.S3Operation;
import dev.coffer.api.server.S3Call;
import dev.coffer.api.server.S3Handler;
import dev.coffer.api.service.TaggingService;
import dev.coffer.api.tagging.TagSets;
import dev.coffer.api.xml.S3Xml;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;

/**
 * PutBucketTagging: replaces the bucket's tags (up to 50; Content-MD5 or a checksum required);
 * 204 as S3 answers. An empty TagSet leaves the bucket without tags.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketTagging.html
 */
final class PutBucketTaggingHandler implements S3Handler {
    private final TaggingService tagging;
    private final S3Xml xml;
    private final SmallBodies bodies;

    PutBucketTaggingHandler(TaggingService tagging, S3Xml xml, SmallBodies bodies) {
        this.tagging = tagging;
        this.xml = xml;
        this.bodies = bodies;
    }

    @Override
    public S3Operation operation() {
        return S3Operation.PUT_BUCKET_TAGGING;
    }

    @Override
    public Mono<Void> handle(S3Call call) {
        return tagging.checkBucket(call.s3().bucket())
                .then(TaggingHandlers.read(call, bodies, xml, TagSets.Scope.BUCKET))
                .flatMap(tags -> tagging.setBucketTags(call.s3().bucket(), tags))
                .then(call.empty(HttpStatus.NO_CONTENT));
    }
}

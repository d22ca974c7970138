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
 * GetBucketTagging: the bucket's tags; 404 NoSuchTagSet when it has none.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketTagging.html
 */
final class GetBucketTaggingHandler implements S3Handler {
    private final TaggingService tagging;
    private final S3Xml xml;

    GetBucketTaggingHandler(TaggingService tagging, S3Xml xml) {
        this.tagging = tagging;
        this.xml = xml;
    }

    @Override
    public S3Operation operation() {
        return S3Operation.GET_BUCKET_TAGGING;
    }

    @Override
    public Mono<Void> handle(S3Call call) {
        return tagging.bucketTags(call.s3().bucket()).flatMap(tags -> call.xml(HttpStatus.OK, xml.write(TagSets.toXml(tags))));
    }
}

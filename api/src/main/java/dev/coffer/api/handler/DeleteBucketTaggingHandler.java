package dev.coffer.api.handler;

import dev.coffer.api.routing.S3Operation;
import dev.coffer.api.server.S3Call;
import dev.coffer.api.server.S3Handler;
import dev.coffer.api.service.TaggingService;
import java.util.Map;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;

/**
 * DeleteBucketTagging: removes the bucket's tags; 204 whether it had any or not.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteBucketTagging.html
 */
final class DeleteBucketTaggingHandler implements S3Handler {
    private final TaggingService tagging;

    DeleteBucketTaggingHandler(TaggingService tagging) {
        this.tagging = tagging;
    }

    @Override
    public S3Operation operation() {
        return S3Operation.DELETE_BUCKET_TAGGING;
    }

    @Override
    public Mono<Void> handle(S3Call call) {
        return tagging.setBucketTags(call.s3().bucket(), Map.of()).then(call.empty(HttpStatus.NO_CONTENT));
    }
}

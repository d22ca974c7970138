package dev.coffer.api.handler;

import dev.coffer.api.routing.S3Operation;
import dev.coffer.api.server.S3Call;
import dev.coffer.api.server.S3Handler;
import dev.coffer.api.service.TaggingService;
import java.util.Map;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;

/**
 * DeleteObjectTagging: removes the tags of the latest version or of {@code versionId}; 204 with
 * the version's id; 405 on a delete marker.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObjectTagging.html
 */
final class DeleteObjectTaggingHandler implements S3Handler {
    private final TaggingService tagging;

    DeleteObjectTaggingHandler(TaggingService tagging) {
        this.tagging = tagging;
    }

    @Override
    public S3Operation operation() {
        return S3Operation.DELETE_OBJECT_TAGGING;
    }

    @Override
    public Mono<Void> handle(S3Call call) {
        return tagging.setObjectTags(call.s3().bucket(), call.s3().key(), call.s3().param("versionId"), Map.of(), "DELETE")
                .flatMap(version -> {
                    VersionHeaders.written(call, version);
                    return call.empty(HttpStatus.NO_CONTENT);
                });
    }
}

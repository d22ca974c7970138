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
 * GetObjectTagging: the tags of the latest version or of {@code versionId}, an empty TagSet when
 * it has none; 405 on a delete marker.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObjectTagging.html
 */
final class GetObjectTaggingHandler implements S3Handler {
    private final TaggingService tagging;
    private final S3Xml xml;

    GetObjectTaggingHandler(TaggingService tagging, S3Xml xml) {
        this.tagging = tagging;
        this.xml = xml;
    }

    @Override
    public S3Operation operation() {
        return S3Operation.GET_OBJECT_TAGGING;
    }

    @Override
    public Mono<Void> handle(S3Call call) {
        return tagging.objectTags(call.s3().bucket(), call.s3().key(), call.s3().param("versionId")).flatMap(tagged -> {
            VersionHeaders.written(call, tagged.version());
            return call.xml(HttpStatus.OK, xml.write(TagSets.toXml(tagged.tags())));
        });
    }
}

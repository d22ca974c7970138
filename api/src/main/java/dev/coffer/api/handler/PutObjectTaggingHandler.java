package dev.coffer.api.handler;

import dev.coffer.api.authz.ConditionKeys;
import dev.coffer.api.authz.IamActions;
import dev.coffer.api.routing.S3Operation;
import dev.coffer.api.server.S3Call;
import dev.coffer.api.server.S3Handler;
import dev.coffer.api.service.TaggingService;
import dev.coffer.api.tagging.TagSets;
import dev.coffer.api.xml.S3Xml;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;

/**
 * PutObjectTagging: replaces the tags of the latest version or of {@code versionId} (an empty
 * TagSet removes them); 405 on a delete marker.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObjectTagging.html
 */
final class PutObjectTaggingHandler implements S3Handler {
    private final TaggingService tagging;
    private final S3Xml xml;
    private final SmallBodies bodies;

    PutObjectTaggingHandler(TaggingService tagging, S3Xml xml, SmallBodies bodies) {
        this.tagging = tagging;
        this.xml = xml;
        this.bodies = bodies;
    }

    @Override
    public S3Operation operation() {
        return S3Operation.PUT_OBJECT_TAGGING;
    }

    @Override
    public Mono<Void> handle(S3Call call) {
        return tagging.checkBucket(call.s3().bucket())
                .then(TaggingHandlers.read(call, bodies, xml, TagSets.Scope.OBJECT))
                // Authorized here, with the tags it sets as s3:RequestObjectTag/… (IamActions has no row for it).
                .flatMap(tags -> call.access().withKeys(ConditionKeys.requestTags(tags))
                        .require(IamActions.putObjectTagging(call.s3().bucket(), call.s3().key(), call.s3().param("versionId")))
                        .thenReturn(tags))
                .flatMap(tags -> tagging.setObjectTags(call.s3().bucket(), call.s3().key(), call.s3().param("versionId"),
                        tags, "PUT"))
                .flatMap(version -> {
                    VersionHeaders.written(call, version);
                    return call.empty(HttpStatus.OK);
                });
    }
}

package dev.coffer.api.handler;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.api.server.S3Call;
import dev.coffer.api.server.S3Handler;
import dev.coffer.api.service.TaggingService;
import dev.coffer.api.tagging.TagSets;
import dev.coffer.api.xml.S3Xml;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/** The six tagging operations, object and bucket, and the Tagging body they share. */
public final class TaggingHandlers {
    private TaggingHandlers() {}

    public static List<S3Handler> all(TaggingService tagging, S3Xml xml, SmallBodies bodies) {
        return List.of(
                new GetObjectTaggingHandler(tagging, xml),
                new PutObjectTaggingHandler(tagging, xml, bodies),
                new DeleteObjectTaggingHandler(tagging),
                new GetBucketTaggingHandler(tagging, xml),
                new PutBucketTaggingHandler(tagging, xml, bodies),
                new DeleteBucketTaggingHandler(tagging));
    }

    /**
     * The request's Tagging document, its digest checked (required for a bucket's, as S3 requires
     * Content-MD5 or a checksum there; checked when sent for an object's), then S3's tag rules.
     */
    static Mono<Map<String, String>> read(S3Call call, SmallBodies bodies, S3Xml xml, TagSets.Scope scope) {
        return bodies.read(call).map(body -> {
            if (body.bytes().length == 0) throw S3Exception.of(S3ErrorCode.MissingRequestBodyError);
            if (scope == TagSets.Scope.BUCKET) BodyIntegrity.requireDigest(call, body.bytes(), body.trailers());
            else BodyIntegrity.checkDigest(call, body.bytes(), body.trailers());
            return TagSets.fromXml(xml, body.bytes(), scope);
        });
    }
}

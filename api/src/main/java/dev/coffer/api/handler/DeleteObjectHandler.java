package dev.coffer.api.handler;

import dev.coffer.api.lock.GovernanceBypass;
import dev.coffer.api.routing.S3Operation;
import dev.coffer.api.server.S3Call;
import dev.coffer.api.server.S3Handler;
import dev.coffer.api.service.ObjectService;
import dev.coffer.metadata.WriteCondition;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;

/**
 * DeleteObject: removes the key, or with {@code versionId} one version; in a versioned bucket a
 * delete without a version id adds a delete marker. 204 whether or not anything existed. A version
 * Object Lock protects is refused (AccessDenied), GOVERNANCE unless the request bypasses it.
 * {@code If-Match} (an ETag or {@code *}) makes it conditional on the current object
 * ({@link DeleteConditions}): 412 PreconditionFailed, or 404 NoSuchKey when there is none.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObject.html
 */
public final class DeleteObjectHandler implements S3Handler {
    private final ObjectService objects;

    public DeleteObjectHandler(ObjectService objects) {
        this.objects = objects;
    }

    @Override
    public S3Operation operation() {
        return S3Operation.DELETE_OBJECT;
    }

    @Override
    public Mono<Void> handle(S3Call call) {
        String versionId = call.s3().param("versionId");
        WriteCondition condition = DeleteConditions.of(call.header("If-Match"), versionId);
        return GovernanceBypass.granted(call, call.s3().bucket(), call.s3().key())
                .flatMap(bypass -> objects.versions().delete(call.s3().bucket(), call.s3().key(),
                        versionId, bypass, condition, dev.coffer.api.notify.EventOrigins.of(call, null)))
                .flatMap(outcome -> {
                    VersionHeaders.deleted(call, outcome);
                    return call.empty(HttpStatus.NO_CONTENT);
                });
    }
}

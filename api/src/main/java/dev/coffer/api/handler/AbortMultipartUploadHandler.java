package dev.coffer.api.handler;

import dev.coffer.api.routing.S3Operation;
import dev.coffer.api.server.S3Call;
import dev.coffer.api.server.S3Handler;
import dev.coffer.api.service.MultipartService;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;

/**
 * AbortMultipartUpload: removes the upload and its parts; their chunks are reclaimed by the GC queue.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_AbortMultipartUpload.html
 */
public final class AbortMultipartUploadHandler implements S3Handler {
    private final MultipartService uploads;

    public AbortMultipartUploadHandler(MultipartService uploads) {
        this.uploads = uploads;
    }

    @Override
    public S3Operation operation() {
        return S3Operation.ABORT_MULTIPART_UPLOAD;
    }

    @Override
    public Mono<Void> handle(S3Call call) {
        return uploads.abort(call.s3().bucket(), call.s3().key(), call.s3().param("uploadId"))
                .then(call.empty(HttpStatus.NO_CONTENT));
    }
}

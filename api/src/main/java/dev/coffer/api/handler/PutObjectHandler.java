package dev.coffer.api.handler;

import dev.coffer.api.checksum.ChecksumRequest;
import dev.coffer.api.http.ETags;
import dev.coffer.api.http.Names;
import dev.coffer.api.http.ObjectHeaders;
import dev.coffer.api.routing.S3Operation;
import dev.coffer.api.server.S3Call;
import dev.coffer.api.server.S3Handler;
import dev.coffer.api.service.BodyReceiver;
import dev.coffer.api.service.ObjectService;
import dev.coffer.api.service.StoredBody;
import dev.coffer.metadata.ObjectRecord;
import dev.coffer.metadata.WriteCondition;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;

/**
 * PutObject: stores the body as the key's new object, with conditional writes.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html
 */
public final class PutObjectHandler implements S3Handler {
    private final ObjectService objects;
    private final BodyReceiver receiver;

    public PutObjectHandler(ObjectService objects, BodyReceiver receiver) {
        this.objects = objects;
        this.receiver = receiver;
    }

    @Override
    public S3Operation operation() {
        return S3Operation.PUT_OBJECT;
    }

    @Override
    public Mono<Void> handle(S3Call call) {
        String bucket = call.s3().bucket();
        String key = call.s3().key();
        Names.checkKey(key);
        UploadRules.checkStorageClass(call);
        long declared = UploadRules.declaredLength(call);
        byte[] contentMd5 = UploadRules.contentMd5(call);
        WriteCondition condition = UploadRules.writeCondition(call);
        Map<String, String> contentHeaders = ObjectHeaders.contentHeaders(call.requestHeaders());
        Map<String, String> userMetadata = ObjectHeaders.userMetadata(call.requestHeaders());
        Optional<ChecksumRequest> checksum = ChecksumRequest.from(call.requestHeaders());
        return objects.checkBucket(bucket)
                .then(receiver.receive(call.rawBody(), call.auth().payload(), UploadRules.MAX_SINGLE_PUT,
                        checksum.map(ChecksumRequest::algorithm).orElse(null)))
                .flatMap(body -> Mono.fromRunnable(() -> UploadRules.verify(body, declared, contentMd5, checksum))
                        .onErrorResume(e -> objects.discard(body).then(Mono.error(e)))
                        .then(Mono.defer(() -> objects.publish(
                                bucket, key, record(body, contentHeaders, userMetadata, checksum), body, condition))))
                .flatMap(version -> {
                    call.responseHeaders().set("ETag", ETags.quote(version.record().etag()));
                    VersionHeaders.written(call, version);
                    ObjectHeaders.writeChecksums(version.record(), call.responseHeaders());
                    return call.empty(HttpStatus.OK);
                });
    }

    private static ObjectRecord record(StoredBody body, Map<String, String> contentHeaders,
                                       Map<String, String> userMetadata, Optional<ChecksumRequest> checksum) {
        Map<String, String> checksums = checksum
                .map(c -> Map.of(c.algorithm().name(), body.checksum()))
                .orElse(Map.of());
        return ObjectRecord.ofBody(body.size(), HexFormat.of().formatHex(body.md5()), System.currentTimeMillis(),
                contentHeaders, userMetadata, checksums, body.inline(),
                body.chunks().stream().map(c -> new dev.coffer.metadata.ChunkPointer(c.id().value(), c.length())).toList());
    }
}

package dev.coffer.api.handler;

import dev.coffer.api.checksum.ChecksumAlgorithm;
import dev.coffer.api.checksum.ChecksumRequest;
import dev.coffer.api.http.ETags;
import dev.coffer.api.routing.S3Operation;
import dev.coffer.api.server.S3Call;
import dev.coffer.api.server.S3Handler;
import dev.coffer.api.service.BodyCheck;
import dev.coffer.api.service.BodyReceiver;
import dev.coffer.api.service.MultipartService;
import dev.coffer.api.service.SseAttribute;
import dev.coffer.api.sse.CustomerKey;
import dev.coffer.api.sse.SseResponseHeaders;
import dev.coffer.storage.DataKey;
import dev.coffer.api.service.StoredBody;
import dev.coffer.metadata.ChunkPointer;
import dev.coffer.metadata.PartRecord;
import dev.coffer.metadata.UploadRecord;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;

/**
 * UploadPart: streams one part into chunk files of its own (never inline: completion adopts the
 * chunks as they are), checked against Content-MD5 and the flexible checksum, then publishes it,
 * replacing any earlier part of that number.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_UploadPart.html
 */
public final class UploadPartHandler implements S3Handler {
    private final MultipartService uploads;
    /** A receiver whose inline threshold is zero: every byte goes to a chunk. */
    private final BodyReceiver receiver;

    public UploadPartHandler(MultipartService uploads, BodyReceiver chunksOnlyReceiver) {
        this.uploads = uploads;
        this.receiver = chunksOnlyReceiver;
    }

    @Override
    public S3Operation operation() {
        return S3Operation.UPLOAD_PART;
    }

    @Override
    public Mono<Void> handle(S3Call call) {
        int partNumber = MultipartRules.partNumber(call);
        long declared = UploadRules.declaredLength(call);
        byte[] contentMd5 = UploadRules.contentMd5(call);
        Optional<ChecksumRequest> checksum = ChecksumRequest.from(call.requestHeaders());
        uploads.encryption().checkTransport(call);
        CustomerKey customerKey = CustomerKey.target(call.requestHeaders()).orElse(null);
        return uploads.find(call.s3().bucket(), call.s3().key(), call.s3().param("uploadId"))
                .flatMap(upload -> {
                    ChecksumAlgorithm algorithm = MultipartRules.partAlgorithm(upload, checksum);
                    DataKey key = uploads.partKey(upload, customerKey);
                    SseResponseHeaders.write(SseAttribute.of(upload), call.responseHeaders());
                    return receiver.receiveDeclared(call.rawBody(), call.auth().payload(), declared, algorithm, key)
                            .flatMap(body -> publish(upload, partNumber, algorithm, body, declared, contentMd5, checksum));
                })
                .flatMap(part -> {
                    call.responseHeaders().set("ETag", ETags.quote(part.etag()));
                    if (part.checksumAlgorithm() != null) {
                        call.responseHeaders().set(ChecksumAlgorithm.valueOf(part.checksumAlgorithm()).header(), part.checksum());
                    }
                    return call.empty(HttpStatus.OK);
                });
    }

    private Mono<PartRecord> publish(UploadRecord upload, int partNumber, ChecksumAlgorithm algorithm, StoredBody body,
                                     long declared, byte[] contentMd5, Optional<ChecksumRequest> checksum) {
        return Mono.fromRunnable(() -> new BodyCheck(declared, contentMd5, checksum).verify(body))
                .onErrorResume(e -> uploads.discard(body).then(Mono.error(e)))
                .then(Mono.defer(() -> uploads.putPart(upload, new PartRecord(partNumber, body.size(),
                        HexFormat.of().formatHex(body.md5()), System.currentTimeMillis(),
                        algorithm == null ? null : algorithm.name(), body.checksum(),
                        dev.coffer.api.service.ObjectService.pointers(body.chunks())), body)));
    }
}

package dev.coffer.api.handler;

import dev.coffer.api.checksum.ChecksumAlgorithm;
import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.api.lifecycle.ExpirationHeader;
import dev.coffer.api.http.ETags;
import dev.coffer.api.routing.S3Operation;
import dev.coffer.api.server.S3Call;
import dev.coffer.api.server.S3Handler;
import dev.coffer.api.service.MultipartService;
import dev.coffer.api.service.SseAttribute;
import dev.coffer.api.sse.CustomerKey;
import dev.coffer.api.sse.SseResponseHeaders;
import dev.coffer.api.xml.ChecksumValues;
import dev.coffer.api.xml.CompleteMultipartUpload;
import dev.coffer.api.xml.CompleteMultipartUploadResult;
import dev.coffer.api.xml.S3Xml;
import dev.coffer.metadata.ObjectRecord;
import dev.coffer.metadata.WriteCondition;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;

/**
 * CompleteMultipartUpload: publishes the listed parts as the object, writing metadata only, under
 * If-None-Match: * / If-Match as PutObject (a failed condition leaves the upload in progress); a
 * retry of an upload already completed answers the same result while its object is current.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_CompleteMultipartUpload.html
 */
public final class CompleteMultipartUploadHandler implements S3Handler {
    private final MultipartService uploads;
    private final S3Xml xml;
    private final SmallBodies bodies;
    private final ExpirationHeader expiration;

    /** {@code expiration} null: no x-amz-expiration. */
    public CompleteMultipartUploadHandler(MultipartService uploads, S3Xml xml, SmallBodies bodies,
                                          ExpirationHeader expiration) {
        this.uploads = uploads;
        this.xml = xml;
        this.bodies = bodies;
        this.expiration = expiration;
    }

    @Override
    public S3Operation operation() {
        return S3Operation.COMPLETE_MULTIPART_UPLOAD;
    }

    @Override
    public Mono<Void> handle(S3Call call) {
        String bucket = call.s3().bucket();
        String key = call.s3().key();
        WriteCondition condition = UploadRules.writeCondition(call);
        Long expectedSize = MultipartRules.expectedObjectSize(call.header("x-amz-mp-object-size"));
        Map<String, String> declared = new LinkedHashMap<>();
        for (ChecksumAlgorithm a : ChecksumAlgorithm.values()) {
            String value = call.header(a.header());
            if (value != null) declared.put(a.name(), value.trim());
        }
        uploads.encryption().checkTransport(call);
        CustomerKey customerKey = CustomerKey.target(call.requestHeaders()).orElse(null);
        // S3 needs the SSE-C key here only in some cases; when one is sent, it must be the upload's.
        Mono<Void> keyCheck = customerKey == null ? Mono.empty()
                : uploads.find(bucket, key, call.s3().param("uploadId")).doOnNext(u -> uploads.partKey(u, customerKey)).then();
        return keyCheck.then(bodies.read(call))
                .map(body -> xml.read(body.bytes(), CompleteMultipartUpload.class))
                .flatMap(request -> {
                    if (request.parts().isEmpty()) {
                        throw S3Exception.of(S3ErrorCode.MalformedXML);
                    }
                    for (CompleteMultipartUpload.Part part : request.parts()) {
                        if (part.partNumber() == null) throw S3Exception.of(S3ErrorCode.MalformedXML);
                        MultipartRules.checkPartNumber(part.partNumber());
                    }
                    return uploads.complete(bucket, key, call.s3().param("uploadId"),
                            new CompletionPlan(request.parts(), declared, expectedSize), condition,
                            dev.coffer.api.notify.EventOrigins.of(call, null));
                })
                .flatMap(done -> {
                    ObjectRecord record = done.record();
                    VersionHeaders.written(call, done.version());
                    SseResponseHeaders.write(SseAttribute.of(record), call.responseHeaders());
                    Mono<Void> expires = expiration == null ? Mono.empty()
                            : expiration.write(bucket, key, record, call.responseHeaders());
                    return expires.then(Mono.defer(() -> call.xml(HttpStatus.OK, xml.write(
                            new CompleteMultipartUploadResult(location(call), bucket, key, ETags.quote(record.etag()),
                                    ChecksumValues.of(record.checksums()),
                                    record.checksums().isEmpty() ? null : record.checksumType())))));
                });
    }

    /** The object's URL as the client addressed the server (Host, path- or virtual-hosted style). */
    private static String location(S3Call call) {
        String proto = call.header("X-Forwarded-Proto") == null ? "http" : call.header("X-Forwarded-Proto");
        String key = URLEncoder.encode(call.s3().key(), StandardCharsets.UTF_8).replace("+", "%20").replace("%2F", "/");
        String path = call.s3().virtualHosted() ? "/" + key : "/" + call.s3().bucket() + "/" + key;
        return proto + "://" + call.header("Host") + path;
    }
}

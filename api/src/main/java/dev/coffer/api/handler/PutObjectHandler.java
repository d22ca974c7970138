package dev.coffer.api.handler;

import dev.coffer.api.acl.ObjectAcls;
import dev.coffer.api.checksum.ChecksumRequest;
import dev.coffer.api.http.ETags;
import dev.coffer.api.http.Names;
import dev.coffer.api.http.ObjectHeaders;
import dev.coffer.api.lock.LockHeaders;
import dev.coffer.api.routing.S3Operation;
import dev.coffer.api.server.S3Call;
import dev.coffer.api.server.S3Handler;
import dev.coffer.api.service.BodyCheck;
import dev.coffer.api.service.ObjectPut;
import dev.coffer.api.service.ObjectUpload;
import dev.coffer.api.tagging.ObjectTagging;
import dev.coffer.api.tagging.TagSets;
import java.util.Map;
import dev.coffer.api.service.SseAttribute;
import dev.coffer.api.sse.SseRequest;
import dev.coffer.api.sse.SseResponseHeaders;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;

/**
 * PutObject: stores the body as the key's new object, with conditional writes. One direction:
 * the request's headers are checked here, then {@link ObjectPut} receives, verifies and publishes
 * the body, and the handler answers.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html
 */
public final class PutObjectHandler implements S3Handler {
    private final ObjectPut puts;
    private final ObjectAcls acls;

    private final dev.coffer.api.lifecycle.ExpirationHeader expiration;

    public PutObjectHandler(ObjectPut puts, ObjectAcls acls) {
        this(puts, acls, null);
    }

    /** {@code expiration} null: no x-amz-expiration. */
    public PutObjectHandler(ObjectPut puts, ObjectAcls acls, dev.coffer.api.lifecycle.ExpirationHeader expiration) {
        this.puts = puts;
        this.acls = acls;
        this.expiration = expiration;
    }

    @Override
    public S3Operation operation() {
        return S3Operation.PUT_OBJECT;
    }

    @Override
    public Mono<Void> handle(S3Call call) {
        Names.checkKey(call.s3().key());
        puts.encryption().checkTransport(call);
        LockHeaders.requireIntegrity(call.requestHeaders());
        Map<String, byte[]> attributes = LockHeaders.plus(
                ObjectTagging.attributes(TagSets.fromHeader(call.header("x-amz-tagging"))),
                LockHeaders.attributes(call.requestHeaders(), System.currentTimeMillis()));
        BodyCheck check = new BodyCheck(UploadRules.declaredLength(call), UploadRules.contentMd5(call),
                ChecksumRequest.from(call.requestHeaders()));
        return acls.attributes(call.access(), call.s3().bucket(), call.s3().key(), call::header)
                .flatMap(acl -> puts.put(new ObjectUpload(call.s3().bucket(), call.s3().key(), call.rawBody(),
                        call.auth().payload(), check, ObjectHeaders.contentHeaders(call.requestHeaders()),
                        ObjectHeaders.userMetadata(call.requestHeaders()), ObjectAcls.merge(attributes, acl),
                        UploadRules.writeCondition(call), SseRequest.parse(call.requestHeaders())),
                        dev.coffer.api.notify.EventOrigins.of(call, "Put")))
                .flatMap(version -> {
            call.responseHeaders().set("ETag", ETags.quote(version.record().etag()));
            SseResponseHeaders.write(SseAttribute.of(version.record()), call.responseHeaders());
            VersionHeaders.written(call, version);
            ObjectHeaders.writeChecksums(version.record(), call.responseHeaders());
            if (expiration == null) return call.empty(HttpStatus.OK);
            return expiration.write(call.s3().bucket(), call.s3().key(), version.record(), call.responseHeaders())
                    .then(Mono.defer(() -> call.empty(HttpStatus.OK)));
        });
    }
}

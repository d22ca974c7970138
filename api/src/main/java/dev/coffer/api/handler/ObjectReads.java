package dev.coffer.api.handler;

import dev.coffer.api.http.ByteRange;
import dev.coffer.api.lifecycle.ExpirationHeader;
import dev.coffer.api.http.ObjectHeaders;
import dev.coffer.api.lock.LockVisibility;
import dev.coffer.api.http.Preconditions;
import dev.coffer.api.server.S3Call;
import dev.coffer.api.service.ObjectService;
import dev.coffer.api.ops.RequestTrace;
import dev.coffer.api.service.ObjectStreamer;
import dev.coffer.api.service.VerifiedRegions;
import dev.coffer.api.tagging.ObjectTagging;
import dev.coffer.api.service.SseAttribute;
import dev.coffer.api.sse.CustomerKey;
import dev.coffer.api.sse.Encryption;
import dev.coffer.api.sse.SseResponseHeaders;
import dev.coffer.auth.policy.Principal;
import dev.coffer.storage.DataKey;
import dev.coffer.metadata.ObjectRecord;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/** What GetObject and HeadObject share: resolve the version, check conditions and range, write headers. */
final class ObjectReads {
    private final ObjectService objects;
    private final ObjectStreamer streamer;
    private final ExpirationHeader expiration;

    /** {@code expiration} null: no x-amz-expiration (handler tests without a catalogue of rules). */
    ObjectReads(ObjectService objects, ObjectStreamer streamer, ExpirationHeader expiration) {
        this.objects = objects;
        this.streamer = streamer;
        this.expiration = expiration;
    }

    Mono<Void> serve(S3Call call, boolean withBody) {
        String versionId = call.s3().param("versionId");
        PartReads.checkRequest(call); // a bad partNumber is refused before the object is looked up
        // GET and HEAD alike: S3's HeadObject "has the same options as a GET" (API Reference), and an
        // anonymous HEAD with an override is refused as the GET is (400, no body).
        ObjectHeaders.checkOverridesAllowed(call.s3().query(),
                call.access().principal().kind() == Principal.Kind.ANONYMOUS);
        objects.encryption().checkTransport(call);
        CustomerKey customerKey = CustomerKey.target(call.requestHeaders()).orElse(null);
        return objects.versions().resolveForRead(call.s3().bucket(), call.s3().key(), versionId).flatMap(version -> {
            Mono<Void> expires = versionId == null && expiration != null // a current version: when its rule expires it
                    ? expiration.write(call.s3().bucket(), call.s3().key(), version.record(), call.responseHeaders())
                    : Mono.empty();
            return expires.then(LockVisibility.of(call, version.record()))
                    .flatMap(lock -> respond(call, version, customerKey, withBody, lock));
        });
    }

    private Mono<Void> respond(S3Call call, dev.coffer.metadata.ObjectVersion version, CustomerKey customerKey,
                               boolean withBody, LockVisibility lock) {
        ObjectRecord record = version.record();
        // The key is checked before the conditions, so a wrong key learns nothing from a 304 or 412.
        DataKey key = objects.openKey(record, customerKey, Encryption.Use.READ);
        Preconditions.checkRead(conditions(call), record.etag(), record.lastModifiedMillis());
        Optional<ByteRange> range = PartReads.range(call, record)
                .or(() -> ByteRange.parse(call.header(HttpHeaders.RANGE), record.size()));
        HttpHeaders out = call.responseHeaders();
        ObjectHeaders.write(record, call.s3().query(), out);
        ObjectTagging.writeCount(record, out);
        SseResponseHeaders.write(SseAttribute.of(record), out);
        lock.write(record, out);
        if (version.reportedVersionId() != null) out.set("x-amz-version-id", version.reportedVersionId());
        PartReads.writeHeaders(call, record, range.isPresent(), out);
        long first = range.map(ByteRange::first).orElse(0L);
        long last = range.map(ByteRange::last).orElse(record.size() - 1);
        out.setContentLength(last - first + 1);
        range.ifPresent(r -> out.set(HttpHeaders.CONTENT_RANGE, r.contentRange(record.size())));
        call.response().setStatusCode(range.isPresent() ? HttpStatus.PARTIAL_CONTENT : HttpStatus.OK);
        if (!withBody) return call.response().setComplete();
        HttpServerResponse netty;
        if (VerifiedRegions.serves(record, key, first, last)
                && (netty = ZeroCopyBody.nettyResponse(call.response())) != null) {
            return streamer.regions().send(record, first, last, netty.alloc(),
                    messages -> ZeroCopyBody.send(call.response(), netty, RequestTrace.of(call.http()), messages));
        }
        return call.response().writeWith(streamer.body(record, key, first, last, call.response().bufferFactory()));
    }

    private static Preconditions.Conditions conditions(S3Call call) {
        return new Preconditions.Conditions(
                call.header(HttpHeaders.IF_MATCH),
                call.header(HttpHeaders.IF_NONE_MATCH),
                call.header(HttpHeaders.IF_MODIFIED_SINCE),
                call.header(HttpHeaders.IF_UNMODIFIED_SINCE));
    }

}

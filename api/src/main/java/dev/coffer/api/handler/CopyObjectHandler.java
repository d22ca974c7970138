package dev.coffer.api.handler;

import dev.coffer.api.acl.ObjectAcls;
import dev.coffer.api.authz.ExpectedBucketOwner;
import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.api.lifecycle.ExpirationHeader;
import dev.coffer.api.http.Names;
import dev.coffer.api.http.ObjectHeaders;
import dev.coffer.api.lock.LockHeaders;
import dev.coffer.api.http.Preconditions;
import dev.coffer.api.routing.S3Operation;
import dev.coffer.api.server.S3Call;
import dev.coffer.api.server.S3Handler;
import dev.coffer.api.service.ObjectService;
import dev.coffer.api.tagging.ObjectTagging;
import dev.coffer.api.service.SseAttribute;
import dev.coffer.api.sse.CustomerKey;
import dev.coffer.api.sse.SseRequest;
import dev.coffer.api.sse.SseResponseHeaders;
import dev.coffer.api.xml.CopyObjectResult;
import dev.coffer.api.xml.S3Xml;
import dev.coffer.metadata.ObjectRecord;
import dev.coffer.metadata.WriteCondition;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;

/**
 * CopyObject: a server-side copy, within a bucket or across buckets, keeping or replacing the
 * metadata, under the x-amz-copy-source-if-* conditions (on the source) and If-Match / If-None-Match
 * (on the target, checked by the catalogue as PutObject's are).
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_CopyObject.html
 */
public final class CopyObjectHandler implements S3Handler {
    /** S3's largest CopyObject source: 5 GiB (UploadPartCopy is the way past it). */
    static final long MAX_COPY_SOURCE = 5L * 1024 * 1024 * 1024;

    private final ObjectService objects;
    private final S3Xml xml;
    private final ObjectAcls acls;
    private final ExpirationHeader expiration;

    /** {@code expiration} null: no x-amz-expiration. */
    public CopyObjectHandler(ObjectService objects, S3Xml xml, ObjectAcls acls, ExpirationHeader expiration) {
        this.objects = objects;
        this.xml = xml;
        this.acls = acls;
        this.expiration = expiration;
    }

    @Override
    public S3Operation operation() {
        return S3Operation.COPY_OBJECT;
    }

    @Override
    public Mono<Void> handle(S3Call call) {
        CopySource source = CopySource.parse(call.header("x-amz-copy-source"));
        String bucket = call.s3().bucket();
        String key = call.s3().key();
        Names.checkKey(key);
        boolean replace = directive(call.header("x-amz-metadata-directive"));
        objects.encryption().checkTransport(call);
        SseRequest targetSse = SseRequest.parse(call.requestHeaders());
        CustomerKey sourceKey = CustomerKey.copySource(call.requestHeaders()).orElse(null);
        // Copying a named version onto its own key is how S3 restores an old version (the user
        // guide's "Restoring previous versions"), so only an unversioned self-copy is refused.
        if (source.bucket().equals(bucket) && source.key().equals(key) && !replace && source.versionId() == null
                && targetSse.kind() == null) {
            throw S3Exception.of(S3ErrorCode.InvalidRequest).withMessage("This copy request is illegal because it is "
                    + "trying to copy an object to itself without changing the object's metadata, storage class, "
                    + "website redirect location or encryption attributes.");
        }
        Preconditions.Conditions conditions = CopySource.conditions(call);
        // If-Match / If-None-Match: * are conditions on the target key, as on PutObject (S3, 2025-10).
        WriteCondition condition = UploadRules.writeCondition(call);
        // A copy takes the source's tags (as the tagging directive says) but none of its Object Lock:
        // the lock comes from the request's headers or the target bucket's default, as in S3.
        var tags = ObjectTagging.forCopy(call.header("x-amz-tagging-directive"), call.header("x-amz-tagging"));
        var lock = LockHeaders.attributes(call.requestHeaders(), System.currentTimeMillis());
        java.util.function.Function<dev.coffer.metadata.ObjectRecord, java.util.Map<String, byte[]>> attributes =
                src -> LockHeaders.plus(tags.apply(src), lock);
        var contentHeaders = replace ? ObjectHeaders.contentHeaders(call.requestHeaders()) : null;
        var userMetadata = replace ? ObjectHeaders.userMetadata(call.requestHeaders()) : null;
        return call.access().requireCopySource(source.bucket(), source.key(), source.versionId(),
                        call.header(ExpectedBucketOwner.SOURCE_HEADER))
                .then(acls.attributes(call.access(), bucket, key, call::header))
                .flatMap(acl -> objects.copy(source.bucket(), source.key(), source.versionId(), bucket, key, src -> {
                    Preconditions.checkCopySource(conditions, src.etag(), src.lastModifiedMillis());
                    if (src.size() > MAX_COPY_SOURCE) {
                        throw S3Exception.of(S3ErrorCode.InvalidRequest).withMessage("The specified copy source is "
                                + "larger than the maximum allowable size for a copy source: " + MAX_COPY_SOURCE);
                    }
                }, contentHeaders, userMetadata, src -> ObjectAcls.merge(attributes.apply(src), acl), sourceKey, targetSse,
                        condition, dev.coffer.api.notify.EventOrigins.of(call, "Copy")))
                .flatMap(copied -> {
                    ObjectRecord record = copied.target().record();
                    SseResponseHeaders.write(SseAttribute.of(record), call.responseHeaders());
                    VersionHeaders.copy(call, copied.source(), copied.target());
                    Mono<Void> expires = expiration == null ? Mono.empty()
                            : expiration.write(bucket, key, record, call.responseHeaders());
                    return expires.then(Mono.defer(() -> call.xml(HttpStatus.OK, xml.write(CopyObjectResult.of(
                            Instant.ofEpochMilli(record.lastModifiedMillis()), "\"" + record.etag() + "\"")))));
                });
    }

    private static boolean directive(String value) {
        if (value == null || value.equals("COPY")) return false;
        if (value.equals("REPLACE")) return true;
        throw S3Exception.of(S3ErrorCode.InvalidArgument).withMessage("Unknown metadata directive.")
                .with("ArgumentName", "x-amz-metadata-directive").with("ArgumentValue", value);
    }
}

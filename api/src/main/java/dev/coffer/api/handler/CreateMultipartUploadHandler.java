package dev.coffer.api.handler;

import dev.coffer.api.acl.ObjectAcls;
import dev.coffer.api.http.Names;
import dev.coffer.api.http.ObjectHeaders;
import dev.coffer.api.lock.LockHeaders;
import dev.coffer.api.routing.S3Operation;
import dev.coffer.api.server.S3Call;
import dev.coffer.api.server.S3Handler;
import dev.coffer.api.service.MultipartService;
import dev.coffer.api.tagging.ObjectTagging;
import dev.coffer.api.tagging.TagSets;
import dev.coffer.api.service.SseAttribute;
import dev.coffer.api.sse.SseRequest;
import dev.coffer.api.sse.SseResponseHeaders;
import dev.coffer.api.xml.InitiateMultipartUploadResult;
import dev.coffer.api.xml.S3Xml;
import dev.coffer.metadata.UploadRecord;
import java.util.Map;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;

/**
 * CreateMultipartUpload: starts an upload that keeps the object's headers, metadata, checksum
 * choice and Object Lock (retention, legal hold) until completion.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateMultipartUpload.html
 */
public final class CreateMultipartUploadHandler implements S3Handler {
    private final MultipartService uploads;
    private final S3Xml xml;
    private final Owners owners;
    private final ObjectAcls acls;

    public CreateMultipartUploadHandler(MultipartService uploads, S3Xml xml, Owners owners, ObjectAcls acls) {
        this.uploads = uploads;
        this.xml = xml;
        this.owners = owners;
        this.acls = acls;
    }

    @Override
    public S3Operation operation() {
        return S3Operation.CREATE_MULTIPART_UPLOAD;
    }

    @Override
    public Mono<Void> handle(S3Call call) {
        String bucket = call.s3().bucket();
        String key = call.s3().key();
        Names.checkKey(key);
        String[] checksum = MultipartRules.checksumChoice(call);
        String storageClass = call.header("x-amz-storage-class");
        var contentHeaders = ObjectHeaders.contentHeaders(call.requestHeaders());
        var userMetadata = ObjectHeaders.userMetadata(call.requestHeaders());
        String initiator = owners.initiator(call);
        uploads.encryption().checkTransport(call);
        SseRequest sse = SseRequest.parse(call.requestHeaders());
        // Kept on the upload, the completed object starts with them.
        Map<String, byte[]> attributes = LockHeaders.plus(
                ObjectTagging.attributes(TagSets.fromHeader(call.header("x-amz-tagging"))),
                LockHeaders.attributes(call.requestHeaders(), System.currentTimeMillis()));
        return acls.attributes(call.access(), bucket, key, call::header)
                .flatMap(acl -> uploads.create((id, now) -> new UploadRecord(bucket, key, id, now, contentHeaders,
                        userMetadata, checksum[0], checksum[1], storageClass == null ? "STANDARD" : storageClass, initiator,
                        ObjectAcls.merge(attributes, acl)), sse))
                .flatMap(upload -> {
                    SseResponseHeaders.write(SseAttribute.of(upload), call.responseHeaders());
            if (upload.checksumAlgorithm() != null) {
                call.responseHeaders().set("x-amz-checksum-algorithm", upload.checksumAlgorithm());
                call.responseHeaders().set("x-amz-checksum-type", upload.checksumType());
            }
            return call.xml(HttpStatus.OK, xml.write(new InitiateMultipartUploadResult(bucket, key, upload.uploadId())));
        });
    }
}

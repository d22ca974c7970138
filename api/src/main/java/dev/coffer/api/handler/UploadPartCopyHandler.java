package dev.coffer.api.handler;

import dev.coffer.api.authz.ExpectedBucketOwner;
import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.api.http.Preconditions;
import dev.coffer.api.routing.S3Operation;
import dev.coffer.api.server.S3Call;
import dev.coffer.api.server.S3Handler;
import dev.coffer.api.service.MultipartService;
import dev.coffer.api.service.SseAttribute;
import dev.coffer.api.sse.CustomerKey;
import dev.coffer.api.sse.SseResponseHeaders;
import dev.coffer.api.xml.ChecksumValues;
import dev.coffer.api.xml.CopyPartResult;
import dev.coffer.api.xml.ETags;
import dev.coffer.api.xml.S3Xml;
import dev.coffer.metadata.ObjectRecord;
import dev.coffer.metadata.PartRecord;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;

/**
 * UploadPartCopy: a part made from a byte range (x-amz-copy-source-range) of an object version
 * (x-amz-copy-source names it as CopyObject's does), under the x-amz-copy-source-if-* conditions; the way to copy objects past CopyObject's 5 GiB.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_UploadPartCopy.html
 */
public final class UploadPartCopyHandler implements S3Handler {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d+)");

    private final MultipartService uploads;
    private final S3Xml xml;

    public UploadPartCopyHandler(MultipartService uploads, S3Xml xml) {
        this.uploads = uploads;
        this.xml = xml;
    }

    @Override
    public S3Operation operation() {
        return S3Operation.UPLOAD_PART_COPY;
    }

    @Override
    public Mono<Void> handle(S3Call call) {
        int partNumber = MultipartRules.partNumber(call);
        CopySource source = CopySource.parse(call.header("x-amz-copy-source"));
        String rangeHeader = call.header("x-amz-copy-source-range");
        Preconditions.Conditions conditions = CopySource.conditions(call);
        uploads.encryption().checkTransport(call);
        CustomerKey sourceKey = CustomerKey.copySource(call.requestHeaders()).orElse(null);
        CustomerKey targetKey = CustomerKey.target(call.requestHeaders()).orElse(null);
        return call.access().requireCopySource(source.bucket(), source.key(), source.versionId(),
                        call.header(ExpectedBucketOwner.SOURCE_HEADER))
                .then(Mono.defer(() -> uploads.find(call.s3().bucket(), call.s3().key(), call.s3().param("uploadId"))))
                .flatMap(upload -> uploads.copyPart(source.bucket(), source.key(), source.versionId(), upload, partNumber,
                        src -> {
                            Preconditions.checkCopySource(conditions, src.etag(), src.lastModifiedMillis());
                            return range(rangeHeader, src);
                        }, sourceKey, targetKey)
                        .doOnNext(copied -> SseResponseHeaders.write(SseAttribute.of(upload), call.responseHeaders())))
                .flatMap(copied -> {
                    VersionHeaders.copy(call, copied.source(), null);
                    PartRecord part = copied.part();
                    return call.xml(HttpStatus.OK, xml.write(new CopyPartResult(
                            Instant.ofEpochMilli(part.lastModifiedMillis()), ETags.quote(part.etag()),
                            ChecksumValues.of(part.checksumAlgorithm(), part.checksum()))));
                });
    }

    /** {first, last} of the source to copy: the header's range, or the whole object. */
    static long[] range(String header, ObjectRecord source) {
        long first = 0;
        long last = source.size() - 1;
        if (header != null) {
            Matcher m = RANGE.matcher(header.trim());
            if (!m.matches()) {
                throw S3Exception.of(S3ErrorCode.InvalidArgument).withMessage("The x-amz-copy-source-range value must be "
                        + "of the form bytes=first-last where first and last are the zero-based offsets of the first "
                        + "and last bytes to copy").with("ArgumentName", "x-amz-copy-source-range")
                        .with("ArgumentValue", header);
            }
            try {
                first = Long.parseLong(m.group(1));
                last = Long.parseLong(m.group(2));
            } catch (NumberFormatException tooLong) {
                first = Long.MAX_VALUE;
            }
            if (first > last || last >= source.size()) {
                throw S3Exception.of(S3ErrorCode.InvalidArgument)
                        .withMessage("Range specified is not valid for source object of size: " + source.size())
                        .with("ArgumentName", "x-amz-copy-source-range").with("ArgumentValue", header);
            }
        }
        if (last - first + 1 > MultipartRules.MAX_PART_SIZE) {
            throw S3Exception.of(S3ErrorCode.InvalidRequest).withMessage("The specified copy source is larger than the "
                    + "maximum allowable size for a copy source: " + MultipartRules.MAX_PART_SIZE);
        }
        return new long[] {first, last};
    }
}

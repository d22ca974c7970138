package dev.coffer.api.handler;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.api.http.HttpDates;
import dev.coffer.api.routing.S3Operation;
import dev.coffer.api.server.S3Call;
import dev.coffer.api.server.S3Handler;
import dev.coffer.api.service.ObjectService;
import dev.coffer.api.xml.ChecksumValues;
import dev.coffer.api.xml.GetObjectAttributesResponse;
import dev.coffer.api.xml.S3Xml;
import dev.coffer.metadata.ObjectRecord;
import dev.coffer.metadata.PartInfo;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;

/**
 * GetObjectAttributes: the ETag, checksum, parts (paged by x-amz-part-number-marker and
 * x-amz-max-parts), storage class and size named in x-amz-object-attributes, without the body.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObjectAttributes.html
 */
public final class GetObjectAttributesHandler implements S3Handler {
    private static final Set<String> KNOWN = Set.of("ETag", "Checksum", "ObjectParts", "StorageClass", "ObjectSize");

    private final ObjectService objects;
    private final S3Xml xml;

    public GetObjectAttributesHandler(ObjectService objects, S3Xml xml) {
        this.objects = objects;
        this.xml = xml;
    }

    @Override
    public S3Operation operation() {
        return S3Operation.GET_OBJECT_ATTRIBUTES;
    }

    @Override
    public Mono<Void> handle(S3Call call) {
        Set<String> wanted = attributes(call);
        int maxParts = headerCount(call, "x-amz-max-parts", 1000);
        int marker = headerCount(call, "x-amz-part-number-marker", 0);
        String versionId = call.s3().param("versionId");
        return objects.versions().resolve(call.s3().bucket(), call.s3().key(), versionId).flatMap(version -> {
            ObjectRecord record = version.record();
            call.responseHeaders().set("Last-Modified", HttpDates.format(record.lastModifiedMillis()));
            if (version.reportedVersionId() != null) {
                call.responseHeaders().set("x-amz-version-id", version.reportedVersionId());
            }
            return call.xml(HttpStatus.OK, xml.write(new GetObjectAttributesResponse(
                    wanted.contains("ETag") ? record.etag() : null,
                    wanted.contains("Checksum") && !record.checksums().isEmpty()
                            ? new GetObjectAttributesResponse.Checksum(ChecksumValues.of(record.checksums()), record.checksumType())
                            : null,
                    wanted.contains("ObjectParts") && !record.parts().isEmpty() ? parts(record, marker, maxParts) : null,
                    wanted.contains("StorageClass") ? "STANDARD" : null,
                    wanted.contains("ObjectSize") ? record.size() : null)));
        });
    }

    private static GetObjectAttributesResponse.ObjectParts parts(ObjectRecord record, int marker, int maxParts) {
        String algorithm = record.checksums().keySet().stream().findFirst().orElse(null);
        List<PartInfo> after = record.parts().stream().filter(p -> p.partNumber() > marker).toList();
        List<PartInfo> page = after.subList(0, Math.min(maxParts, after.size()));
        boolean truncated = after.size() > page.size();
        return new GetObjectAttributesResponse.ObjectParts(record.parts().size(), marker,
                page.isEmpty() ? null : page.get(page.size() - 1).partNumber(), maxParts, truncated,
                page.stream().map(p -> new GetObjectAttributesResponse.Part(p.partNumber(), p.size(),
                        ChecksumValues.of(algorithm, p.checksum()))).toList());
    }

    private static Set<String> attributes(S3Call call) {
        // One header with a comma-separated list, or the header repeated: both are the list.
        List<String> values = call.requestHeaders().get("x-amz-object-attributes");
        String header = values == null ? null : String.join(",", values);
        Set<String> names = header == null ? Set.of() : Arrays.stream(header.split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
        if (names.isEmpty() || !KNOWN.containsAll(names)) {
            throw S3Exception.of(S3ErrorCode.InvalidArgument).withMessage("Invalid attribute name specified.")
                    .with("ArgumentName", "x-amz-object-attributes").with("ArgumentValue", String.valueOf(header));
        }
        return names;
    }

    private static int headerCount(S3Call call, String name, int absent) {
        String value = call.header(name);
        if (value == null) return absent;
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 0) return Math.min(n, 1000 * 10);
        } catch (NumberFormatException ignored) {
            // falls through
        }
        throw S3Exception.of(S3ErrorCode.InvalidArgument).with("ArgumentName", name).with("ArgumentValue", value);
    }
}

package dev.coffer.api.handler;

import dev.coffer.api.http.ETags;
import dev.coffer.api.routing.S3Operation;
import dev.coffer.api.server.S3Call;
import dev.coffer.api.server.S3Handler;
import dev.coffer.api.service.MultipartService;
import dev.coffer.api.xml.ChecksumValues;
import dev.coffer.api.xml.ListPartsResult;
import dev.coffer.api.xml.Owner;
import dev.coffer.api.xml.S3Xml;
import dev.coffer.metadata.PartRecord;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;

/**
 * ListParts: one page of an upload's parts after part-number-marker, at most max-parts (1,000).
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListParts.html
 */
public final class ListPartsHandler implements S3Handler {
    private static final int PAGE_LIMIT = 1000;

    private final MultipartService uploads;
    private final S3Xml xml;
    private final Owners owners;

    public ListPartsHandler(MultipartService uploads, S3Xml xml, Owners owners) {
        this.uploads = uploads;
        this.xml = xml;
        this.owners = owners;
    }

    @Override
    public S3Operation operation() {
        return S3Operation.LIST_PARTS;
    }

    @Override
    public Mono<Void> handle(S3Call call) {
        int maxParts = MultipartRules.count(call, "max-parts", PAGE_LIMIT, PAGE_LIMIT);
        int marker = MultipartRules.count(call, "part-number-marker", 0, Integer.MAX_VALUE);
        String uploadId = call.s3().param("uploadId");
        return uploads.listParts(call.s3().bucket(), call.s3().key(), uploadId, marker, maxParts)
                .zipWhen(page -> owners.ofUploadsIn(call.s3().bucket())).flatMap(found -> {
            var page = found.getT1();
            List<ListPartsResult.Part> parts = page.parts().stream().map(ListPartsHandler::part).toList();
            Integer next = parts.isEmpty() ? null : parts.get(parts.size() - 1).partNumber();
            Owner initiator = owners.ofInitiator(page.upload().owner());
            Owner owner = found.getT2().apply(page.upload());
            return call.xml(HttpStatus.OK, xml.write(new ListPartsResult(call.s3().bucket(), call.s3().key(), uploadId,
                    marker, next, maxParts, page.truncated(), parts, initiator, owner, page.upload().storageClass(),
                    page.upload().checksumAlgorithm(), page.upload().checksumType())));
        });
    }

    private static ListPartsResult.Part part(PartRecord p) {
        return new ListPartsResult.Part(p.partNumber(), Instant.ofEpochMilli(p.lastModifiedMillis()), ETags.quote(p.etag()),
                p.size(), ChecksumValues.of(p.checksumAlgorithm(), p.checksum()));
    }
}

package dev.coffer.api.handler;

import dev.coffer.api.routing.S3Operation;
import dev.coffer.api.routing.S3Request;
import dev.coffer.api.server.S3Call;
import dev.coffer.api.server.S3Handler;
import dev.coffer.api.service.MultipartService;
import dev.coffer.api.xml.CommonPrefix;
import dev.coffer.api.xml.ListMultipartUploadsResult;
import dev.coffer.api.xml.S3Xml;
import dev.coffer.api.xml.Owner;
import dev.coffer.metadata.UploadListPage;
import dev.coffer.metadata.UploadListQuery;
import dev.coffer.metadata.UploadRecord;
import java.time.Instant;
import java.util.function.Function;
import java.util.stream.Stream;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;

/**
 * ListMultipartUploads: one page of uploads in progress (prefix, delimiter, key-marker and
 * upload-id-marker, max-uploads up to 1,000), in key then initiation order; O(page).
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListMultipartUploads.html
 */
public final class ListMultipartUploadsHandler implements S3Handler {
    private final MultipartService uploads;
    private final S3Xml xml;
    private final Owners owners;

    public ListMultipartUploadsHandler(MultipartService uploads, S3Xml xml, Owners owners) {
        this.uploads = uploads;
        this.xml = xml;
        this.owners = owners;
    }

    @Override
    public S3Operation operation() {
        return S3Operation.LIST_MULTIPART_UPLOADS;
    }

    @Override
    public Mono<Void> handle(S3Call call) {
        S3Request r = call.s3();
        ListingParams p = ListingParams.from(r);
        int max = MultipartRules.count(call, "max-uploads", ListingParams.PAGE_LIMIT, ListingParams.PAGE_LIMIT);
        String keyMarker = r.param("key-marker");
        String idMarker = keyMarker == null || keyMarker.isEmpty() ? null : r.param("upload-id-marker");
        return owners.ofUploadsIn(r.bucket()).zipWith(
                        uploads.listUploads(new UploadListQuery(r.bucket(), p.prefix(), p.delimiter(), keyMarker, idMarker, max)))
                .flatMap(found -> respond(call, p, r, keyMarker, idMarker, max, found.getT2(), found.getT1()));
    }

    private Mono<Void> respond(S3Call call, ListingParams asked, S3Request r, String keyMarker, String idMarker, int max,
                               UploadListPage page, Function<UploadRecord, Owner> owner) {
        ListingParams p = asked.forPage(Stream.of(page.uploads().stream().map(UploadRecord::key),
                page.commonPrefixes().stream(), Stream.of(asked.prefix(), asked.delimiter(), keyMarker,
                        page.nextKeyMarker())).flatMap(s -> s));
        return call.xml(HttpStatus.OK, xml.write(new ListMultipartUploadsResult(r.bucket(),
                        p.out(keyMarker == null ? "" : keyMarker), idMarker == null ? "" : idMarker,
                        page.truncated() ? p.out(page.nextKeyMarker()) : null,
                        page.truncated() ? page.nextUploadIdMarker() : null,
                        p.out(p.delimiter()), p.out(p.prefix()), max, page.truncated() && page.nextKeyMarker() != null,
                        page.uploads().stream().map(u -> new ListMultipartUploadsResult.Upload(p.out(u.key()), u.uploadId(),
                                owners.ofInitiator(u.owner()), owner.apply(u), u.storageClass(), Instant.ofEpochMilli(u.initiatedMillis()),
                                u.checksumAlgorithm(), u.checksumType())).toList(),
                        page.commonPrefixes().stream().map(cp -> new CommonPrefix(p.out(cp))).toList(),
                        p.encodingType())));
    }
}

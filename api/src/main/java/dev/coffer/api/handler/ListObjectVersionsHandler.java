package dev.coffer.api.handler;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.api.routing.S3Operation;
import dev.coffer.api.routing.S3Request;
import dev.coffer.api.server.S3Call;
import dev.coffer.api.server.S3Handler;
import dev.coffer.api.service.VersionService;
import dev.coffer.api.xml.CommonPrefix;
import dev.coffer.api.xml.ListVersionsResult;
import dev.coffer.api.xml.Owner;
import dev.coffer.api.xml.S3Xml;
import dev.coffer.metadata.ObjectRecord;
import dev.coffer.metadata.VersionsPage;
import dev.coffer.metadata.VersionsQuery;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;

/**
 * ListObjectVersions: one catalogue page of versions and delete markers, keys ascending and each
 * key's versions newest first. https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectVersions.html
 */
public final class ListObjectVersionsHandler implements S3Handler {
    private final VersionService versions;
    private final S3Xml xml;
    private final Owners owners;

    public ListObjectVersionsHandler(VersionService versions, S3Xml xml, Owners owners) {
        this.versions = versions;
        this.xml = xml;
        this.owners = owners;
    }

    @Override
    public S3Operation operation() {
        return S3Operation.LIST_OBJECT_VERSIONS;
    }

    @Override
    public Mono<Void> handle(S3Call call) {
        S3Request r = call.s3();
        ListingParams p = ListingParams.from(r);
        String keyMarker = emptyToNull(r.param("key-marker"));
        String versionIdMarker = emptyToNull(r.param("version-id-marker"));
        if (versionIdMarker != null && keyMarker == null) {
            throw S3Exception.of(S3ErrorCode.InvalidArgument)
                    .withMessage("A version-id marker cannot be specified without a key marker.")
                    .with("ArgumentName", "version-id-marker").with("ArgumentValue", versionIdMarker);
        }
        VersionService.checkVersionId(versionIdMarker);
        return owners.ofObjectsIn(r.bucket()).zipWith(versions.list(new VersionsQuery(r.bucket(), p.prefix(), p.delimiter(),
                        keyMarker, versionIdMarker, p.maxKeys())))
                .flatMap(t -> call.xml(HttpStatus.OK, xml.write(result(r.bucket(), p, keyMarker, versionIdMarker, t.getT2(),
                        t.getT1()))));
    }

    private static ListVersionsResult result(String bucket, ListingParams asked, String keyMarker, String versionIdMarker,
                                             VersionsPage page, Function<Map<String, byte[]>, Owner> owner) {
        ListingParams p = asked.forPage(Stream.of(page.versions().stream().map(VersionsPage.Entry::key),
                page.commonPrefixes().stream(), Stream.of(asked.prefix(), asked.delimiter(), keyMarker,
                        page.nextKeyMarker())).flatMap(s -> s));
        // S3 answers max-keys=0 with an empty page that is not truncated.
        boolean truncated = page.truncated() && page.nextKeyMarker() != null;
        return new ListVersionsResult(bucket, p.out(p.prefix()), p.out(keyMarker == null ? "" : keyMarker),
                versionIdMarker == null ? "" : versionIdMarker,
                truncated ? p.out(page.nextKeyMarker()) : null, truncated ? page.nextVersionIdMarker() : null,
                p.maxKeys(), p.out(p.delimiter()), p.encodingType(), truncated,
                page.versions().stream().map(e -> entry(p, e, owner)).toList(),
                page.commonPrefixes().stream().map(cp -> new CommonPrefix(p.out(cp))).toList());
    }

    /** A version or delete marker, in the page's order (key, then newest first), as S3 interleaves them. */
    private static ListVersionsResult.Entry entry(ListingParams p, VersionsPage.Entry e,
                                                  Function<Map<String, byte[]>, Owner> owner) {
        ObjectRecord r = e.record();
        if (r.deleteMarker()) {
            return new ListVersionsResult.DeleteMarkerEntry(p.out(e.key()), e.versionId(), e.latest(),
                    Instant.ofEpochMilli(r.lastModifiedMillis()), owner.apply(r.attributes()));
        }
        return new ListVersionsResult.Version(p.out(e.key()), e.versionId(), e.latest(),
                Instant.ofEpochMilli(r.lastModifiedMillis()), "\"" + r.etag() + "\"", r.size(), "STANDARD", owner.apply(r.attributes()));
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}

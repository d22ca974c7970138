package dev.coffer.api.handler;

import dev.coffer.api.routing.S3Operation;
import dev.coffer.api.routing.S3Request;
import dev.coffer.api.server.S3Call;
import dev.coffer.api.server.S3Handler;
import dev.coffer.api.service.BucketService;
import dev.coffer.api.xml.CommonPrefix;
import dev.coffer.api.xml.ListBucketResult;
import dev.coffer.api.xml.ListBucketResultV2;
import dev.coffer.api.xml.Owner;
import dev.coffer.api.xml.S3Object;
import dev.coffer.api.xml.S3Xml;
import dev.coffer.metadata.ListPage;
import dev.coffer.metadata.ListQuery;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;

/** ListObjects (v1) and ListObjectsV2: one catalogue page each, rendered in its own shape. */
public final class ListObjectsHandlers {
    private ListObjectsHandlers() {}

    public static List<S3Handler> all(BucketService buckets, S3Xml xml, Owners owners) {
        return List.of(new V1(buckets, xml, owners), new V2(buckets, xml, owners));
    }

    /** @param owner the owner shown for a version, or null to show none */
    static List<S3Object> contents(ListPage page, ListingParams p, Function<Map<String, byte[]>, Owner> owner) {
        return page.objects().stream().map(e -> new S3Object(
                p.out(e.key()), Instant.ofEpochMilli(e.object().lastModifiedMillis()),
                "\"" + e.object().etag() + "\"", e.object().size(), "STANDARD",
                owner == null ? null : owner.apply(e.object().attributes()))).toList();
    }

    static List<CommonPrefix> prefixes(ListPage page, ListingParams p) {
        return page.commonPrefixes().stream().map(cp -> new CommonPrefix(p.out(cp))).toList();
    }

    /** Every text a page shows that encoding-type=url encodes: keys, prefixes, the delimiter, markers. */
    static Stream<String> shown(ListPage page, ListingParams p, String marker) {
        return Stream.of(page.objects().stream().map(e -> e.key()), page.commonPrefixes().stream(),
                Stream.of(p.prefix(), p.delimiter(), marker, page.lastEntry())).flatMap(s -> s);
    }

    /** S3 answers max-keys=0 with an empty page that is not truncated, whatever the bucket holds. */
    static boolean truncated(ListPage page) {
        return page.truncated() && page.lastEntry() != null;
    }

    /** Where the next page starts: after the last entry of this one. */
    static String nextToken(ListPage page) {
        return truncated(page) ? ListingParams.token(page.lastEntry()) : null;
    }

    /** ListObjects. https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjects.html */
    record V1(BucketService buckets, S3Xml xml, Owners owners) implements S3Handler {
        public S3Operation operation() {
            return S3Operation.LIST_OBJECTS;
        }

        public Mono<Void> handle(S3Call call) {
            S3Request r = call.s3();
            ListingParams p = ListingParams.from(r);
            String marker = r.param("marker");
            return owners.ofObjectsIn(r.bucket()).zipWith(buckets.list(new ListQuery(r.bucket(), p.prefix(), p.delimiter(),
                            marker, p.maxKeys())))
                    .flatMap(t -> call.xml(HttpStatus.OK, xml.render(v1(r, p, marker, t.getT2(), t.getT1()))));
        }

        private static ListBucketResult v1(S3Request r, ListingParams asked, String marker, ListPage page,
                                           Function<Map<String, byte[]>, Owner> owner) {
            ListingParams p = asked.forPage(shown(page, asked, marker));
            return new ListBucketResult(
                            r.bucket(), p.out(p.prefix()), p.out(marker == null ? "" : marker),
                            truncated(page) && p.delimiter() != null ? p.out(page.lastEntry()) : null,
                            p.maxKeys(), p.out(p.delimiter()), truncated(page), p.encodingType(),
                            contents(page, p, owner), prefixes(page, p));
        }
    }

    /** ListObjectsV2. https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html */
    record V2(BucketService buckets, S3Xml xml, Owners owners) implements S3Handler {
        public S3Operation operation() {
            return S3Operation.LIST_OBJECTS_V2;
        }

        public Mono<Void> handle(S3Call call) {
            S3Request r = call.s3();
            ListingParams p = ListingParams.from(r);
            String token = r.param("continuation-token");
            String startAfter = r.param("start-after");
            String after = token != null ? ListingParams.fromToken(token) : startAfter;
            ListQuery query = new ListQuery(r.bucket(), p.prefix(), p.delimiter(), after, p.maxKeys());
            if (!"true".equals(r.param("fetch-owner"))) {
                // No Owner shown, so the bucket's ownership and ACL are not read (the catalogue's
                // page still answers NoSuchBucket): one catalogue look-up and one hand-off less a page.
                return buckets.list(query)
                        .flatMap(page -> call.xml(HttpStatus.OK, xml.render(v2(r, p, token, startAfter, page, null))));
            }
            return owners.ofObjectsIn(r.bucket()).zipWith(buckets.list(query))
                    .flatMap(t -> call.xml(HttpStatus.OK, xml.render(v2(r, p, token, startAfter, t.getT2(), t.getT1()))));
        }

        private static ListBucketResultV2 v2(S3Request r, ListingParams asked, String token, String startAfter, ListPage page,
                                             Function<Map<String, byte[]>, Owner> owner) {
            ListingParams p = asked.forPage(shown(page, asked, startAfter));
            return new ListBucketResultV2(
                            r.bucket(), p.out(p.prefix()), token,
                            nextToken(page),
                            p.out(startAfter),
                            page.objects().size() + page.commonPrefixes().size(),
                            p.maxKeys(), p.out(p.delimiter()), p.encodingType(), truncated(page),
                            contents(page, p, owner), prefixes(page, p));
        }
    }
}

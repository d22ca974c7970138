package dev.coffer.compat;

import static dev.coffer.compat.support.S3Assertions.assertS3Error;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import dev.coffer.compat.support.Xml;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;

/** ListObjectVersions through the AWS SDK v2: S3's order, IsLatest, delete markers, exact paging. */
@ExtendWith(CofferServerExtension.class)
class ListObjectVersionsIT {
    private static CofferServer server;
    private static S3Client s3;
    private static String bucket;

    /** One listed entry: a version or a delete marker. */
    record Entry(String key, String versionId, boolean latest, boolean marker) {}

    /** S3's order: key ascending by UTF-8 bytes, then newest first (ids are time-ordered). */
    static final Comparator<Entry> ORDER = Comparator
            .<Entry, byte[]>comparing(e -> e.key().getBytes(StandardCharsets.UTF_8), Arrays::compareUnsigned)
            .thenComparing(Entry::versionId, Comparator.reverseOrder());

    @BeforeAll
    static void fill(CofferServer cofferServer) {
        server = cofferServer;
        s3 = server.s3();
        bucket = server.createBucket("lov");
        s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(c -> c.status(BucketVersioningStatus.ENABLED)));
        String[] keys = {"a", "a/1", "a/2", "b", "b/x/y", "c", "é", "z"};
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < keys.length; i++) {
                String key = keys[i];
                if ((i + round) % 3 == 0) {
                    s3.deleteObject(b -> b.bucket(bucket).key(key));
                } else {
                    s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(key + round));
                }
            }
        }
    }

    private static List<Entry> entries(ListObjectVersionsResponse r) {
        List<Entry> out = new ArrayList<>();
        r.versions().forEach(v -> out.add(new Entry(v.key(), v.versionId(), v.isLatest(), false)));
        r.deleteMarkers().forEach(m -> out.add(new Entry(m.key(), m.versionId(), m.isLatest(), true)));
        out.sort(ORDER);
        return out;
    }

    private static List<Object> walk(String prefix, String delimiter, int maxKeys) {
        List<Object> out = new ArrayList<>();
        String keyMarker = null;
        String versionMarker = null;
        Entry lastOfPreviousPage = null;
        for (int pages = 0; pages < 500; pages++) {
            String km = keyMarker;
            String vm = versionMarker;
            ListObjectVersionsResponse r = s3.listObjectVersions(b -> b.bucket(bucket).prefix(prefix).delimiter(delimiter)
                    .maxKeys(maxKeys).keyMarker(km).versionIdMarker(vm));
            List<Entry> page = entries(r);
            assertThat(page.size() + r.commonPrefixes().size()).isLessThanOrEqualTo(maxKeys);
            if (lastOfPreviousPage != null && !page.isEmpty()) {
                assertThat(ORDER.compare(lastOfPreviousPage, page.get(0))).as("pages follow each other").isNegative();
            }
            if (!page.isEmpty()) lastOfPreviousPage = page.get(page.size() - 1);
            out.addAll(page);
            r.commonPrefixes().forEach(cp -> out.add(cp.prefix()));
            if (!r.isTruncated()) return out;
            keyMarker = r.nextKeyMarker();
            versionMarker = r.nextVersionIdMarker();
        }
        throw new AssertionError("listing did not end");
    }

    @Test
    void fullListingIsInS3OrderWithOneLatestPerKey() {
        ListObjectVersionsResponse all = s3.listObjectVersions(b -> b.bucket(bucket));
        List<Entry> entries = entries(all);
        assertThat(all.isTruncated()).isFalse();
        assertThat(entries).hasSize(24);
        for (int i = 0; i < entries.size(); i++) {
            boolean first = i == 0 || !entries.get(i - 1).key().equals(entries.get(i).key());
            assertThat(entries.get(i).latest()).as("IsLatest of %s", entries.get(i)).isEqualTo(first);
        }
        assertThat(all.versions()).extracting(v -> v.key()).isSortedAccordingTo(
                Comparator.comparing(k -> k.getBytes(StandardCharsets.UTF_8), Arrays::compareUnsigned));
        assertThat(entries.stream().filter(e -> e.key().equals("a/1")).findFirst().orElseThrow().marker()).isTrue();
    }

    /** One raw page's Version and DeleteMarker elements in document order, as "Kind key versionId". */
    private static List<String> rawEntries(String xml) {
        String each = "/ListVersionsResult/*[self::Version or self::DeleteMarker]";
        List<String> keys = Xml.texts(xml, each + "/Key");
        List<String> ids = Xml.texts(xml, each + "/VersionId");
        List<String> latest = Xml.texts(xml, each + "/IsLatest");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) out.add(keys.get(i) + " " + ids.get(i) + " " + latest.get(i));
        return out;
    }

    private static String query(String name, String value) {
        return value == null ? "" : "&" + name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Test
    void theXmlInterleavesVersionsAndDeleteMarkersInListingOrderOnEveryPage() {
        List<String> expected = entries(s3.listObjectVersions(b -> b.bucket(bucket))).stream()
                .map(e -> e.key() + " " + e.versionId() + " " + e.latest()).toList();
        String whole = new String(server.raw().signed("GET", "/" + bucket + "?versions").body(), StandardCharsets.UTF_8);
        assertThat(rawEntries(whole)).isEqualTo(expected);
        // Delete markers stand among the versions, not after them all, as in S3.
        assertThat(Xml.texts(whole, "/ListVersionsResult/DeleteMarker/following-sibling::Version/Key")).isNotEmpty();
        for (int max = 1; max <= 4; max++) {
            List<String> walked = new ArrayList<>();
            String keyMarker = null;
            String versionMarker = null;
            for (int pages = 0; ; pages++) {
                assertThat(pages).isLessThan(100);
                String xml = new String(server.raw().signed("GET", "/" + bucket + "?versions&max-keys=" + max
                        + query("key-marker", keyMarker) + query("version-id-marker", versionMarker)).body(),
                        StandardCharsets.UTF_8);
                walked.addAll(rawEntries(xml));
                if (!"true".equals(Xml.text(xml, "/ListVersionsResult/IsTruncated"))) break;
                keyMarker = Xml.text(xml, "/ListVersionsResult/NextKeyMarker");
                versionMarker = Xml.text(xml, "/ListVersionsResult/NextVersionIdMarker");
            }
            assertThat(walked).as("max-keys %d", max).isEqualTo(expected);
        }
    }

    @Test
    void walkingWithMaxKeysOneToFourMatchesTheFullListing() {
        List<Object> full = new ArrayList<>(entries(s3.listObjectVersions(b -> b.bucket(bucket))));
        for (int max = 1; max <= 4; max++) {
            assertThat(walk("", null, max)).as("max-keys %d", max).isEqualTo(full);
        }
    }

    @Test
    void delimiterWalksRollUpFoldersAtEveryPageSize() {
        ListObjectVersionsResponse one = s3.listObjectVersions(b -> b.bucket(bucket).delimiter("/"));
        assertThat(one.commonPrefixes()).extracting(cp -> cp.prefix()).containsExactly("a/", "b/");
        List<Object> full = new ArrayList<>(entries(one));
        one.commonPrefixes().forEach(cp -> full.add(cp.prefix()));
        for (int max = 1; max <= 4; max++) {
            List<Object> walked = walk("", "/", max);
            assertThat(walked).as("max-keys %d", max).containsExactlyInAnyOrderElementsOf(full);
        }
        ListObjectVersionsResponse inA = s3.listObjectVersions(b -> b.bucket(bucket).prefix("a/").delimiter("/"));
        assertThat(inA.versions().stream().map(v -> v.key()).distinct()).containsExactly("a/1", "a/2");
    }

    @Test
    void versionIdMarkerNeedsAKeyMarkerAndAWellFormedId() {
        assertS3Error(400, "InvalidArgument", () -> s3.listObjectVersions(b -> b.bucket(bucket).versionIdMarker("null")));
        assertS3Error(400, "InvalidArgument", () -> s3.listObjectVersions(b -> b.bucket(bucket).keyMarker("a")
                .versionIdMarker("bogus")));
        assertS3Error(404, "NoSuchBucket", () -> s3.listObjectVersions(b -> b.bucket(server.uniqueBucketName("none"))));
    }

    @Test
    void unversionedBucketListsItsNullVersions() {
        String plain = server.createBucketWithKeys("lov-plain", List.of("x", "y"));
        ListObjectVersionsResponse r = s3.listObjectVersions(b -> b.bucket(plain));
        assertThat(r.versions()).extracting(v -> v.key() + "@" + v.versionId() + ":" + v.isLatest())
                .containsExactly("x@null:true", "y@null:true");
    }
}

package dev.coffer.compat;

import static dev.coffer.compat.support.S3Assertions.assertHasRequestId;
import static dev.coffer.compat.support.S3Assertions.assertS3Error;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import dev.coffer.compat.support.TestData;
import dev.coffer.compat.support.Xml;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/** ListObjects (version 1): marker, NextMarker, prefix, delimiter, max-keys, encoding. */
@ExtendWith(CofferServerExtension.class)
class ListObjectsV1IT {

    private static CofferServer server;
    private static S3Client s3;
    private static String tree;

    @BeforeAll
    static void start(CofferServer cofferServer) {
        server = cofferServer;
        s3 = server.s3();
        tree = server.createBucketWithKeys("v1tree", ListObjectsV2IT.TREE);
    }

    @Test
    void listObjectsReturnsEveryKeyWithOwner() {
        ListObjectsResponse response = s3.listObjects(b -> b.bucket(tree));
        assertHasRequestId(response);
        assertThat(keys(response)).containsExactlyElementsOf(ListObjectsV2IT.TREE);
        assertThat(response.isTruncated()).isFalse();
        assertThat(response.maxKeys()).isEqualTo(1000);
        assertThat(response.name()).isEqualTo(tree);
        assertThat(response.nextMarker()).isNull();
        S3Object first = response.contents().get(0);
        assertThat(first.eTag()).isEqualTo(TestData.etagOf(TestData.utf8("a")));
        assertThat(first.size()).isEqualTo(1L);
        assertThat(first.owner()).as("version 1 always lists the owner").isNotNull();
    }

    @Test
    void listObjectsWithPrefixAndDelimiterRollsUpCommonPrefixes() {
        ListObjectsResponse root = s3.listObjects(b -> b.bucket(tree).delimiter("/"));
        assertThat(keys(root)).containsExactly("a", "c", "e", "g");
        assertThat(prefixes(root)).containsExactly("b/", "d/", "f/");
        ListObjectsResponse folder = s3.listObjects(b -> b.bucket(tree).prefix("b/").delimiter("/"));
        assertThat(keys(folder)).containsExactly("b/1", "b/2");
        assertThat(prefixes(folder)).containsExactly("b/c/");
        assertThat(folder.prefix()).isEqualTo("b/");
    }

    @Test
    void listObjectsWithoutDelimiterOmitsNextMarkerWhenTruncated() {
        ListObjectsResponse response = s3.listObjects(b -> b.bucket(tree).maxKeys(2));
        assertThat(keys(response)).containsExactly("a", "b/1");
        assertThat(response.isTruncated()).isTrue();
        assertThat(response.nextMarker()).as("S3 returns NextMarker only when a delimiter is given").isNull();
        ListObjectsResponse next = s3.listObjects(b -> b.bucket(tree).maxKeys(2).marker("b/1"));
        assertThat(keys(next)).containsExactly("b/2", "b/c/3");
        assertThat(next.marker()).isEqualTo("b/1");
    }

    @Test
    void listObjectsWithDelimiterReturnsNextMarkerOfLastKeyOrPrefix() {
        String bucket = server.createBucketWithKeys("v1next",
                List.of("asdf", "boo/bar", "boo/baz/xyzzy", "cquux/thud", "cquux/bla"));
        ListObjectsResponse p1 = s3.listObjects(b -> b.bucket(bucket).delimiter("/").maxKeys(1));
        assertThat(keys(p1)).containsExactly("asdf");
        assertThat(p1.isTruncated()).isTrue();
        assertThat(p1.nextMarker()).isEqualTo("asdf");
        ListObjectsResponse p2 = s3.listObjects(b -> b.bucket(bucket).delimiter("/").maxKeys(1).marker("asdf"));
        assertThat(prefixes(p2)).containsExactly("boo/");
        assertThat(p2.isTruncated()).isTrue();
        assertThat(p2.nextMarker()).isEqualTo("boo/");
        ListObjectsResponse p3 = s3.listObjects(b -> b.bucket(bucket).delimiter("/").maxKeys(1).marker("boo/"));
        assertThat(prefixes(p3)).containsExactly("cquux/");
        assertThat(p3.isTruncated()).isFalse();
        assertThat(p3.nextMarker()).isNull();
    }

    @Test
    void listObjectsWithMaxKeysZeroReturnsNothingAndIsNotTruncated() {
        ListObjectsResponse response = s3.listObjects(b -> b.bucket(tree).maxKeys(0));
        assertThat(response.contents()).isEmpty();
        assertThat(response.isTruncated()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void listObjectsPagesOfEverySizeAddUpToTheFullListing(int pageSize) {
        assertPagesAddUp(pageSize, null);
        assertPagesAddUp(pageSize, "/");
    }

    private void assertPagesAddUp(int pageSize, String delimiter) {
        List<String> expected = entries(s3.listObjects(b -> b.bucket(tree).delimiter(delimiter)));
        List<String> seen = new ArrayList<>();
        String marker = null;
        while (true) {
            String m = marker;
            ListObjectsResponse page = s3.listObjects(b -> b.bucket(tree).delimiter(delimiter).maxKeys(pageSize).marker(m));
            List<String> entries = entries(page);
            seen.addAll(entries);
            assertThat(entries.size()).isLessThanOrEqualTo(pageSize);
            assertThat(page.isTruncated()).as("IsTruncated after %d of %d (page size %d, delimiter %s)",
                    seen.size(), expected.size(), pageSize, delimiter).isEqualTo(seen.size() < expected.size());
            if (!page.isTruncated()) {
                break;
            }
            assertThat(entries).hasSize(pageSize);
            String last = entries.get(entries.size() - 1);
            if (delimiter == null) {
                assertThat(page.nextMarker()).isNull();
                marker = keys(page).get(keys(page).size() - 1);
            } else {
                assertThat(page.nextMarker()).isEqualTo(last);
                marker = page.nextMarker();
            }
            assertThat(seen.size()).isLessThanOrEqualTo(expected.size());
        }
        assertThat(seen).containsExactlyElementsOf(expected);
    }

    @Test
    void listObjectsOrdersKeysByUtf8Bytes() {
        String bucket = server.createBucketWithKeys("v1utf8", List.of("😀", "ｚ", "é", "b", "a"));
        assertThat(keys(s3.listObjects(b -> b.bucket(bucket)))).containsExactly("a", "b", "é", "ｚ", "😀");
    }

    @Test
    void listObjectsWithEncodingTypeUrlEncodesKeysAndPrefixes() {
        String bucket = server.createBucketWithKeys("v1enc", List.of("foo+1/bar", "foo/bar/xyzzy", "quux ab/thud", "asdf+b"));
        var response = server.raw().signed("GET", "/" + bucket + "?delimiter=%2F&encoding-type=url");
        String xml = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(response.statusCode()).as(xml).isEqualTo(200);
        assertThat(Xml.text(xml, "/ListBucketResult/EncodingType")).isEqualTo("url");
        assertThat(Xml.texts(xml, "/ListBucketResult/Contents/Key")).containsExactly("asdf%2Bb");
        assertThat(Xml.texts(xml, "/ListBucketResult/CommonPrefixes/Prefix")).containsExactly("foo%2B1/", "foo/", "quux%20ab/");
    }

    @Test
    void listObjectsOfMissingBucketReturnsNoSuchBucket() {
        String bucket = server.uniqueBucketName("v1missing");
        assertS3Error(404, "NoSuchBucket", () -> s3.listObjects(b -> b.bucket(bucket)));
    }

    static List<String> keys(ListObjectsResponse response) {
        return response.contents().stream().map(S3Object::key).toList();
    }

    static List<String> prefixes(ListObjectsResponse response) {
        return response.commonPrefixes().stream().map(CommonPrefix::prefix).toList();
    }

    static List<String> entries(ListObjectsResponse response) {
        List<String> all = new ArrayList<>(keys(response));
        all.addAll(prefixes(response));
        all.sort((x, y) -> java.util.Arrays.compareUnsigned(TestData.utf8(x), TestData.utf8(y)));
        return all;
    }
}

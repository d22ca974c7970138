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
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectStorageClass;
import software.amazon.awssdk.services.s3.model.S3Object;

/** ListObjectsV2: prefix, delimiter, max-keys, continuation, start-after, fetch-owner, encoding. */
@ExtendWith(CofferServerExtension.class)
class ListObjectsV2IT {

    /** Keys with nested "folders", so that a "/" delimiter both rolls up and leaves plain keys. */
    static final List<String> TREE = List.of("a", "b/1", "b/2", "b/c/3", "c", "d/4", "e", "f/5/6", "g");

    private static CofferServer server;
    private static S3Client s3;
    private static String tree;

    @BeforeAll
    static void start(CofferServer cofferServer) {
        server = cofferServer;
        s3 = server.s3();
        tree = server.createBucketWithKeys("v2tree", TREE);
    }

    @Test
    void listObjectsV2ReturnsEveryKeyWithSizeEtagAndLastModified() {
        ListObjectsV2Response response = s3.listObjectsV2(b -> b.bucket(tree));
        assertHasRequestId(response);
        assertThat(keys(response)).containsExactlyElementsOf(TREE);
        assertThat(response.keyCount()).isEqualTo(TREE.size());
        assertThat(response.isTruncated()).isFalse();
        assertThat(response.maxKeys()).isEqualTo(1000);
        assertThat(response.name()).isEqualTo(tree);
        assertThat(response.nextContinuationToken()).isNull();
        assertThat(response.commonPrefixes()).isEmpty();
        S3Object first = response.contents().get(0);
        assertThat(first.size()).isEqualTo(1L);
        assertThat(first.eTag()).isEqualTo(TestData.etagOf(TestData.utf8("a")));
        assertThat(first.lastModified()).isNotNull();
        assertThat(first.storageClass()).isEqualTo(ObjectStorageClass.STANDARD);
        assertThat(first.owner()).as("no Owner without fetch-owner").isNull();
    }

    @Test
    void listObjectsV2OfEmptyBucketReturnsNoContents() {
        String bucket = server.createBucket("v2empty");
        ListObjectsV2Response response = s3.listObjectsV2(b -> b.bucket(bucket));
        assertThat(response.contents()).isEmpty();
        assertThat(response.keyCount()).isZero();
        assertThat(response.isTruncated()).isFalse();
    }

    @Test
    void listObjectsV2WithPrefixReturnsOnlyMatchingKeys() {
        ListObjectsV2Response response = s3.listObjectsV2(b -> b.bucket(tree).prefix("b/"));
        assertThat(keys(response)).containsExactly("b/1", "b/2", "b/c/3");
        assertThat(response.prefix()).isEqualTo("b/");
        assertThat(response.keyCount()).isEqualTo(3);
    }

    @Test
    void listObjectsV2WithDelimiterRollsUpCommonPrefixes() {
        ListObjectsV2Response response = s3.listObjectsV2(b -> b.bucket(tree).delimiter("/"));
        assertThat(keys(response)).containsExactly("a", "c", "e", "g");
        assertThat(prefixes(response)).containsExactly("b/", "d/", "f/");
        assertThat(response.delimiter()).isEqualTo("/");
        assertThat(response.keyCount()).as("KeyCount counts keys and common prefixes").isEqualTo(7);
    }

    @Test
    void listObjectsV2WithPrefixAndDelimiterRollsUpBelowThePrefix() {
        ListObjectsV2Response response = s3.listObjectsV2(b -> b.bucket(tree).prefix("b/").delimiter("/"));
        assertThat(keys(response)).containsExactly("b/1", "b/2");
        assertThat(prefixes(response)).containsExactly("b/c/");
    }

    @Test
    void listObjectsV2WithNonSlashDelimiterSplitsAtThatCharacter() {
        String bucket = server.createBucketWithKeys("v2alt", List.of("bar", "baz", "cab", "foo"));
        ListObjectsV2Response response = s3.listObjectsV2(b -> b.bucket(bucket).delimiter("a"));
        assertThat(keys(response)).containsExactly("foo");
        assertThat(prefixes(response)).containsExactly("ba", "ca");
    }

    @Test
    void listObjectsV2WithPrefixEndingInDelimiterListsTheFolderMarkerKey() {
        String bucket = server.createBucketWithKeys("v2marker", List.of("asdf/"));
        ListObjectsV2Response response = s3.listObjectsV2(b -> b.bucket(bucket).prefix("asdf/").delimiter("/"));
        assertThat(keys(response)).containsExactly("asdf/");
        assertThat(response.commonPrefixes()).isEmpty();
    }

    @Test
    void listObjectsV2WithMaxKeysZeroReturnsNothingAndIsNotTruncated() {
        ListObjectsV2Response response = s3.listObjectsV2(b -> b.bucket(tree).maxKeys(0));
        assertThat(response.contents()).isEmpty();
        assertThat(response.keyCount()).isZero();
        assertThat(response.maxKeys()).isZero();
        assertThat(response.isTruncated()).isFalse();
    }

    @Test
    void listObjectsV2WithMaxKeysOneIsTruncatedAndContinues() {
        ListObjectsV2Response first = s3.listObjectsV2(b -> b.bucket(tree).maxKeys(1));
        assertThat(keys(first)).containsExactly("a");
        assertThat(first.isTruncated()).isTrue();
        assertThat(first.keyCount()).isEqualTo(1);
        assertThat(first.nextContinuationToken()).isNotBlank();
        ListObjectsV2Response second = s3.listObjectsV2(b -> b.bucket(tree).maxKeys(1)
                .continuationToken(first.nextContinuationToken()));
        assertThat(keys(second)).containsExactly("b/1");
        assertThat(second.continuationToken()).isEqualTo(first.nextContinuationToken());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void listObjectsV2PagesOfEverySizeAddUpToTheFullListing(int pageSize) {
        assertPagesAddUp(pageSize, null);
        assertPagesAddUp(pageSize, "/");
    }

    private void assertPagesAddUp(int pageSize, String delimiter) {
        ListObjectsV2Response full = s3.listObjectsV2(b -> b.bucket(tree).delimiter(delimiter));
        List<String> expected = entries(full);
        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        while (true) {
            String t = token;
            ListObjectsV2Response page = s3.listObjectsV2(b -> b.bucket(tree).delimiter(delimiter)
                    .maxKeys(pageSize).continuationToken(t));
            pages++;
            List<String> entries = entries(page);
            seen.addAll(entries);
            assertThat(page.keyCount()).isEqualTo(entries.size());
            assertThat(entries.size()).isLessThanOrEqualTo(pageSize);
            boolean more = seen.size() < expected.size();
            assertThat(page.isTruncated()).as("IsTruncated after %d of %d entries (page size %d, delimiter %s)",
                    seen.size(), expected.size(), pageSize, delimiter).isEqualTo(more);
            if (!page.isTruncated()) {
                assertThat(page.nextContinuationToken()).isNull();
                break;
            }
            assertThat(entries).as("a truncated page is full").hasSize(pageSize);
            token = page.nextContinuationToken();
            assertThat(token).isNotBlank();
            assertThat(pages).isLessThanOrEqualTo(expected.size());
        }
        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(pages).isEqualTo(Math.max(1, (expected.size() + pageSize - 1) / pageSize));
    }

    @Test
    void listObjectsV2PaginatorWalksEveryKey() {
        List<String> walked = new ArrayList<>();
        s3.listObjectsV2Paginator(b -> b.bucket(tree).maxKeys(2)).contents().forEach(o -> walked.add(o.key()));
        assertThat(walked).containsExactlyElementsOf(TREE);
    }

    @Test
    void listObjectsV2WithStartAfterBeginsAfterThatKey() {
        assertThat(keys(s3.listObjectsV2(b -> b.bucket(tree).startAfter("c")))).containsExactly("d/4", "e", "f/5/6", "g");
        ListObjectsV2Response between = s3.listObjectsV2(b -> b.bucket(tree).startAfter("b/10"));
        assertThat(keys(between)).as("start-after need not be a key").startsWith("b/2");
        assertThat(between.startAfter()).isEqualTo("b/10");
        assertThat(keys(s3.listObjectsV2(b -> b.bucket(tree).startAfter("z")))).isEmpty();
    }

    @Test
    void listObjectsV2WithFetchOwnerReturnsOwnerOfEachObject() {
        ListObjectsV2Response response = s3.listObjectsV2(b -> b.bucket(tree).fetchOwner(true));
        assertThat(response.contents()).allSatisfy(o -> {
            assertThat(o.owner()).isNotNull();
            assertThat(o.owner().id()).isNotBlank();
        });
    }

    @Test
    void listObjectsV2OrdersKeysByUtf8Bytes() {
        // UTF-16 order would put the emoji (a surrogate pair, 0xD83D) before the fullwidth z (0xFF5A).
        String bucket = server.createBucketWithKeys("v2utf8", List.of("😀", "ｚ", "é", "b", "a", "B", "~"));
        assertThat(keys(s3.listObjectsV2(b -> b.bucket(bucket))))
                .containsExactly("B", "a", "b", "~", "é", "ｚ", "😀");
    }

    @Test
    void listObjectsV2WithEncodingTypeUrlEncodesKeysAndPrefixes() {
        String bucket = server.createBucketWithKeys("v2enc",
                List.of("foo+1/bar", "foo/bar/xyzzy", "quux ab/thud", "asdf+b", "é ü/x", "plain"));
        String xml = body(server.raw().signed("GET", "/" + bucket + "?list-type=2&delimiter=%2F&encoding-type=url"));
        assertThat(Xml.text(xml, "/ListBucketResult/EncodingType")).isEqualTo("url");
        assertThat(Xml.texts(xml, "/ListBucketResult/Contents/Key")).containsExactly("asdf%2Bb", "plain");
        assertThat(Xml.texts(xml, "/ListBucketResult/CommonPrefixes/Prefix"))
                .containsExactly("foo%2B1/", "foo/", "quux%20ab/", "%C3%A9%20%C3%BC/");
    }

    @Test
    void listObjectsV2WithEncodingTypeUrlRoundTripsThroughTheSdk() {
        List<String> keys = List.of("a b", "a+b", "a%b", "é/ü", "tab\there", "😀 x");
        String bucket = server.createBucketWithKeys("v2encsdk", keys);
        ListObjectsV2Response response = s3.listObjectsV2(b -> b.bucket(bucket).encodingType(EncodingType.URL));
        assertThat(response.encodingType()).isEqualTo(EncodingType.URL);
        // The SDK decodes url-encoded keys itself, so the keys come back as they were written.
        assertThat(keys(response)).containsExactlyInAnyOrderElementsOf(keys);
    }

    @Test
    void listObjectsV2WithInvalidContinuationTokenReturnsInvalidArgument() {
        assertS3Error(400, "InvalidArgument", () -> s3.listObjectsV2(b -> b.bucket(tree).continuationToken("not-a-token")));
    }

    @Test
    void listObjectsV2OfMissingBucketReturnsNoSuchBucket() {
        String bucket = server.uniqueBucketName("v2missing");
        assertS3Error(404, "NoSuchBucket", () -> s3.listObjectsV2(b -> b.bucket(bucket)));
    }

    static List<String> keys(ListObjectsV2Response response) {
        return response.contents().stream().map(S3Object::key).toList();
    }

    static List<String> prefixes(ListObjectsV2Response response) {
        return response.commonPrefixes().stream().map(CommonPrefix::prefix).toList();
    }

    /** Keys and common prefixes in S3's order (both sorted together by UTF-8 bytes). */
    static List<String> entries(ListObjectsV2Response response) {
        List<String> all = new ArrayList<>(keys(response));
        all.addAll(prefixes(response));
        all.sort((x, y) -> java.util.Arrays.compareUnsigned(TestData.utf8(x), TestData.utf8(y)));
        return all;
    }

    private static String body(java.net.http.HttpResponse<byte[]> response) {
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}

package dev.coffer.compat;

import static dev.coffer.compat.support.S3Assertions.assertXmlError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.ListBucketsResponse;

/**
 * ListBuckets paginated as S3 added it in 2024: max-buckets, continuation-token, prefix and
 * bucket-region, with ContinuationToken and Prefix in the response, through the SDK v2 at its
 * defaults (its paginator included); bad values answer 400 InvalidArgument.
 */
@ExtendWith(CofferServerExtension.class)
class ListBucketsPaginationIT {
    private static CofferServer server;
    private static S3Client s3;
    private static String prefix;
    private static List<String> names;

    @BeforeAll
    static void start(CofferServer cofferServer) {
        server = cofferServer;
        s3 = server.s3();
        prefix = "lbp-" + Long.toHexString(System.nanoTime()) + "-";
        names = List.of(prefix + "a", prefix + "b", prefix + "c", prefix + "d", prefix + "e");
        for (String name : names) {
            if (name.endsWith("-c")) {
                s3.createBucket(b -> b.bucket(name).createBucketConfiguration(c -> c.locationConstraint("eu-west-1")));
            } else {
                s3.createBucket(b -> b.bucket(name));
            }
        }
    }

    private static List<String> namesOf(ListBucketsResponse page) {
        return page.buckets().stream().map(Bucket::name).toList();
    }

    @Test
    void maxBucketsPagesThroughAPrefixWithContinuationTokens() {
        ListBucketsResponse first = s3.listBuckets(b -> b.prefix(prefix).maxBuckets(2));
        assertThat(namesOf(first)).isEqualTo(names.subList(0, 2));
        assertThat(first.prefix()).isEqualTo(prefix);
        assertThat(first.continuationToken()).isNotBlank();
        ListBucketsResponse second = s3.listBuckets(b -> b.prefix(prefix).maxBuckets(2).continuationToken(first.continuationToken()));
        assertThat(namesOf(second)).isEqualTo(names.subList(2, 4));
        ListBucketsResponse last = s3.listBuckets(b -> b.prefix(prefix).maxBuckets(2).continuationToken(second.continuationToken()));
        assertThat(namesOf(last)).isEqualTo(names.subList(4, 5));
        assertThat(last.continuationToken()).isNull();
    }

    @Test
    void theSdkPaginatorSeesEveryBucketOnce() {
        List<String> seen = new ArrayList<>();
        s3.listBucketsPaginator(b -> b.prefix(prefix).maxBuckets(1)).forEach(page -> seen.addAll(namesOf(page)));
        assertThat(seen).isEqualTo(names);
    }

    @Test
    void bucketRegionKeepsOnlyTheBucketsOfThatRegion() {
        assertThat(namesOf(s3.listBuckets(b -> b.prefix(prefix).bucketRegion("eu-west-1")))).containsExactly(prefix + "c");
        assertThat(namesOf(s3.listBuckets(b -> b.prefix(prefix).bucketRegion("us-east-1"))))
                .containsExactly(prefix + "a", prefix + "b", prefix + "d", prefix + "e");
    }

    @Test
    void aPrefixNoBucketHasListsNothingAndEchoesThePrefix() {
        ListBucketsResponse none = s3.listBuckets(b -> b.prefix(prefix + "zz"));
        assertThat(none.buckets()).isEmpty();
        assertThat(none.prefix()).isEqualTo(prefix + "zz");
        assertThat(none.continuationToken()).isNull();
    }

    @Test
    void withoutPagingParametersEveryBucketIsListedWithoutAToken() {
        ListBucketsResponse all = s3.listBuckets();
        assertThat(namesOf(all)).containsAll(names);
        assertThat(all.continuationToken()).isNull();
        assertThat(all.prefix()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "10001", "-1", "ten"})
    void maxBucketsOutsideOneToTenThousandIsInvalidArgument(String value) {
        assertXmlError(server.raw().signed("GET", "/?max-buckets=" + value), 400, "InvalidArgument");
    }

    @Test
    void aContinuationTokenCofferDidNotIssueIsInvalidArgument() {
        assertXmlError(server.raw().signed("GET", "/?continuation-token=bm90LWEtdG9rZW4"), 400, "InvalidArgument");
    }
}

package dev.coffer.api.xml;

import static dev.coffer.api.xml.GoldenXml.assertMatches;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each response record, built with the values of an AWS reference example, renders that example. */
class ResponseGoldenTest {

    private final S3Xml xml = new S3Xml();

    @Test
    void listAllMyBucketsResult() {
        var result = new ListAllMyBucketsResult(new Owner("bcaf1ffd86f461ca5fb16fd081034f", "webfile"), List.of(
                new ListAllMyBucketsResult.Bucket("quotes", Instant.parse("2006-02-03T16:45:09Z"), null),
                new ListAllMyBucketsResult.Bucket("samples", Instant.parse("2006-02-03T16:41:58Z"), null)));
        assertMatches(xml.write(result), "ListAllMyBucketsResult.xml");
    }

    @Test
    void listVersionsResultInterleavesVersionsAndDeleteMarkersInListingOrder() {
        Owner owner = new Owner("75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a", "mtd@amazon.com");
        var result = new ListVersionsResult("bucket", "my", "", "", null, null, 5, null, null, false, List.of(
                new ListVersionsResult.Version("my-image.jpg", "3/L4kqtJl40Nr8X8gdRQBpUMLUo", true,
                        Instant.parse("2009-10-12T17:50:30Z"), ETags.quote("fba9dede5f27731c9771645a39863328"), 434234,
                        "STANDARD", owner),
                new ListVersionsResult.DeleteMarkerEntry("my-second-image.jpg", "03jpff543dhffds434rfdsFDN943fdsFkdmqnh892",
                        true, Instant.parse("2009-11-12T17:50:30Z"), owner),
                new ListVersionsResult.Version("my-second-image.jpg", "QUpfdndhfd8438MNFDN93jdnJFkdmqnh893", false,
                        Instant.parse("2009-10-10T17:50:30Z"), ETags.quote("9b2cf535f27731c974343645a3985328"), 166434,
                        "STANDARD", owner)), List.of());
        assertMatches(xml.write(result), "ListVersionsResult.xml");
    }

    @Test
    void listBucketResultVersion1() {
        Owner owner = new Owner("75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a", "mtd@amazon.com");
        Instant modified = Instant.parse("2009-10-12T17:50:30Z");
        var result = new ListBucketResult("bucket", "", "", null, 1000, null, false, null, List.of(
                new S3Object("my-image.jpg", modified, ETags.quote("fba9dede5f27731c9771645a39863328"), 434234,
                        "STANDARD", owner),
                new S3Object("my-third-image.jpg", modified, ETags.quote("1b2cf535f27731c974343645a3985328"), 64994,
                        "STANDARD_IA", owner)), List.of());
        assertMatches(xml.write(result), "ListBucketResult.xml");
    }

    @Test
    void listBucketResultVersion2WithDelimiter() {
        var result = new ListBucketResultV2("example-bucket", "", null, null, null, 2, 1000, "/", null, false,
                List.of(new S3Object("sample.jpg", Instant.parse("2011-02-26T01:56:20Z"),
                        "\"bf1d737a4d46a19f3bced6905cc8b902\"", 142863, "STANDARD", null)),
                List.of(new CommonPrefix("photos/")));
        assertMatches(xml.write(result), "ListBucketResultV2-delimiter.xml");
    }

    @Test
    void listBucketResultVersion2WithStartAfter() {
        var result = new ListBucketResultV2("quotes", "E", null, null, "ExampleGuide.pdf", 1, 3, null, null, false,
                List.of(new S3Object("ExampleObject.txt", Instant.parse("2013-09-17T18:07:53Z"),
                        "\"599bab3ed2c697f1d26842727561fd94\"", 857, "REDUCED_REDUNDANCY", null)),
                null);
        assertMatches(xml.write(result), "ListBucketResultV2-start-after.xml");
    }

    @Test
    void listBucketResultVersion2WithContinuationToken() {
        var result = new ListBucketResultV2("bucket", "", "1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=", null, null,
                112, 1000, null, null, false,
                List.of(new S3Object("happyfacex.jpg", Instant.parse("2014-11-21T19:40:05Z"),
                        "\"70ee1738b6b21e2c8a43f3a5ab0eee71\"", 1111, "STANDARD", null)),
                List.of());
        assertMatches(xml.write(result), "ListBucketResultV2-continuation.xml");
    }

    @Test
    void locationConstraint() {
        assertMatches(xml.write(LocationConstraint.of("Europe")), "LocationConstraint.xml");
    }

    @Test
    void locationConstraintOfUsEast1IsEmpty() {
        assertMatches(xml.write(LocationConstraint.of("us-east-1")), "LocationConstraint-us-east-1.xml");
    }

    @Test
    void copyObjectResult() {
        var result = CopyObjectResult.of(Instant.parse("2009-10-28T22:32:00Z"), "\"9b2cf535f27731c974343645a3985328\"");
        assertMatches(xml.write(result), "CopyObjectResult.xml");
    }

    @Test
    void deleteResultWithMixedSuccessAndError() {
        var result = new DeleteResult(List.of(DeleteResult.DeletedObject.of("sample1.txt")),
                List.of(new DeleteResult.Error("sample2.txt", null, "AccessDenied", "Access Denied")));
        assertMatches(xml.write(result), "DeleteResult.xml");
    }

    @Test
    void deleteResultWithDeleteMarker() {
        var result = new DeleteResult(List.of(new DeleteResult.DeletedObject("SampleDocument.txt", null, true,
                "NeQt5xeFTfgPJD8B4CGWnkSLtluMr11s")), List.of());
        assertMatches(xml.write(result), "DeleteResult-delete-marker.xml");
    }

    @Test
    void documentStartsWithTheDeclarationAndIsNotIndented() {
        String text = new String(xml.write(LocationConstraint.of("eu-west-1")), StandardCharsets.UTF_8);
        assertThat(text).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<LocationConstraint xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">eu-west-1</LocationConstraint>");
    }

    @Test
    void childElementsShareTheRootNamespaceWithoutRedeclaringIt() {
        String text = new String(xml.write(CopyObjectResult.of(Instant.EPOCH, "\"e\"")), StandardCharsets.UTF_8);
        assertThat(text).endsWith("<CopyObjectResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                + "<LastModified>1970-01-01T00:00:00.000Z</LastModified><ETag>&quot;e&quot;</ETag></CopyObjectResult>");
    }

    @Test
    void nullFieldsAndEmptyListsRenderNothing() {
        String text = new String(xml.write(new ListBucketResultV2("b", null, null, null, null, 0, 1000, null, null,
                false, null, null)), StandardCharsets.UTF_8);
        assertThat(text).endsWith("<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                + "<Name>b</Name><KeyCount>0</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>"
                + "</ListBucketResult>");
    }

    @Test
    void taggingWithTwoTags() {
        var tagging = new Tagging(new Tagging.TagSet(List.of(new Tagging.Tag("tag1", "val1"), new Tagging.Tag("tag2", "val2"))));
        assertMatches(xml.write(tagging), "Tagging.xml");
    }

    @Test
    void taggingWithoutTagsHasAnEmptyTagSet() {
        assertMatches(xml.write(new Tagging(new Tagging.TagSet(List.of()))), "Tagging-empty.xml");
    }
}

package dev.coffer.compat;

import static dev.coffer.compat.support.S3Assertions.assertS3Error;
import static dev.coffer.compat.support.S3Assertions.assertXmlError;
import static dev.coffer.compat.support.S3Assertions.header;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import dev.coffer.compat.support.TestData;
import dev.coffer.compat.support.Xml;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectTaggingResponse;
import software.amazon.awssdk.services.s3.model.PutObjectTaggingResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.TaggingDirective;

/**
 * Object and bucket tags through the AWS SDK for Java v2 at its defaults: Put/Get/DeleteObjectTagging
 * with and without versionId, x-amz-tagging on PutObject, CopyObject (COPY and REPLACE),
 * CreateMultipartUpload and POST, x-amz-tagging-count on GET and HEAD, S3's limits with its error
 * codes, and Put/Get/DeleteBucketTagging.
 */
@ExtendWith(CofferServerExtension.class)
class TaggingIT {
    private static final byte[] BODY = TestData.utf8("tagged bytes");

    private static CofferServer server;
    private static S3Client s3;
    private static String bucket;

    @BeforeAll
    static void start(CofferServer cofferServer) {
        server = cofferServer;
        s3 = server.s3();
        bucket = server.createBucket("tagging");
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    private static List<Tag> numbered(int n) {
        return IntStream.range(0, n).mapToObj(i -> tag("key-" + i, "value-" + i)).collect(Collectors.toList());
    }

    private static String put(String bucket, String key) {
        return s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(BODY)).versionId();
    }

    private static List<Tag> tags(String bucket, String key) {
        return s3.getObjectTagging(b -> b.bucket(bucket).key(key)).tagSet();
    }

    private static String tagCount(String bucket, String key) {
        return header(s3.headObject(b -> b.bucket(bucket).key(key)), "x-amz-tagging-count");
    }

    @Test
    void objectTagsArePutReadCountedAndDeleted() {
        put(bucket, "plain");
        GetObjectTaggingResponse none = s3.getObjectTagging(b -> b.bucket(bucket).key("plain"));
        assertThat(none.tagSet()).isEmpty();
        assertThat(none.versionId()).as("no version id in a bucket never versioned").isNull();
        assertThat(tagCount(bucket, "plain")).isNull();

        List<Tag> ten = new ArrayList<>(numbered(7));
        ten.add(tag("b c+d-e=f.g_h:i/j@k", "2 + 2 = 4"));
        ten.add(tag("empty", ""));
        ten.add(tag("ü文".repeat(64), "値".repeat(256)));
        PutObjectTaggingResponse put = s3.putObjectTagging(b -> b.bucket(bucket).key("plain").tagging(t -> t.tagSet(ten)));
        assertThat(put.sdkHttpResponse().statusCode()).isEqualTo(200);
        assertThat(tags(bucket, "plain")).containsExactlyElementsOf(ten);
        assertThat(tagCount(bucket, "plain")).isEqualTo("10");
        assertThat(s3.getObject(b -> b.bucket(bucket).key("plain")).response().tagCount()).isEqualTo(10);

        s3.putObjectTagging(b -> b.bucket(bucket).key("plain").tagging(t -> t.tagSet(tag("only", "one"))));
        assertThat(tags(bucket, "plain")).containsExactly(tag("only", "one"));
        assertThat(s3.deleteObjectTagging(b -> b.bucket(bucket).key("plain")).sdkHttpResponse().statusCode()).isEqualTo(204);
        assertThat(tags(bucket, "plain")).isEmpty();
        assertThat(tagCount(bucket, "plain")).isNull();
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("plain")).asByteArray()).isEqualTo(BODY);

        s3.putObjectTagging(b -> b.bucket(bucket).key("plain").tagging(t -> t.tagSet(tag("a", "1"))));
        s3.putObjectTagging(b -> b.bucket(bucket).key("plain").tagging(t -> t.tagSet(List.of())));
        assertThat(tags(bucket, "plain")).as("an empty TagSet removes the tags").isEmpty();
    }

    @Test
    void aNewVersionStartsWithTheTagsItWasWrittenWith() {
        s3.putObject(b -> b.bucket(bucket).key("rewritten").tagging("a=1"), RequestBody.fromBytes(BODY));
        put(bucket, "rewritten");
        assertThat(tags(bucket, "rewritten")).isEmpty();
    }

    @Test
    void taggingAMissingKeyOrBucketIsNoSuchKeyOrNoSuchBucket() {
        assertS3Error(404, "NoSuchKey", () -> s3.getObjectTagging(b -> b.bucket(bucket).key("missing")));
        assertS3Error(404, "NoSuchKey", () -> s3.putObjectTagging(b -> b.bucket(bucket).key("missing")
                .tagging(t -> t.tagSet(tag("a", "1")))));
        assertS3Error(404, "NoSuchKey", () -> s3.deleteObjectTagging(b -> b.bucket(bucket).key("missing")));
        String gone = server.uniqueBucketName("no-such");
        assertS3Error(404, "NoSuchBucket", () -> s3.getObjectTagging(b -> b.bucket(gone).key("k")));
        assertS3Error(404, "NoSuchBucket", () -> s3.getBucketTagging(b -> b.bucket(gone)));
    }

    @Test
    void eachVersionHasItsOwnTagsAndTheVersionIdIsAnswered() {
        String versioned = server.createVersionedBucket("tag-versions");
        String v1 = s3.putObject(b -> b.bucket(versioned).key("doc").tagging("gen=1"), RequestBody.fromBytes(BODY)).versionId();
        String v2 = s3.putObject(b -> b.bucket(versioned).key("doc").tagging("gen=2&latest=yes"),
                RequestBody.fromBytes(BODY)).versionId();

        GetObjectTaggingResponse latest = s3.getObjectTagging(b -> b.bucket(versioned).key("doc"));
        assertThat(latest.versionId()).isEqualTo(v2);
        assertThat(latest.tagSet()).containsExactly(tag("gen", "2"), tag("latest", "yes"));
        GetObjectTaggingResponse old = s3.getObjectTagging(b -> b.bucket(versioned).key("doc").versionId(v1));
        assertThat(old.versionId()).isEqualTo(v1);
        assertThat(old.tagSet()).containsExactly(tag("gen", "1"));

        PutObjectTaggingResponse put = s3.putObjectTagging(b -> b.bucket(versioned).key("doc").versionId(v1)
                .tagging(t -> t.tagSet(tag("gen", "one"))));
        assertThat(put.versionId()).isEqualTo(v1);
        assertThat(s3.getObjectTagging(b -> b.bucket(versioned).key("doc").versionId(v1)).tagSet())
                .containsExactly(tag("gen", "one"));
        assertThat(tags(versioned, "doc")).as("the latest is untouched").containsExactly(tag("gen", "2"), tag("latest", "yes"));
        assertThat(s3.headObject(b -> b.bucket(versioned).key("doc").versionId(v1)).sdkHttpResponse()
                .firstMatchingHeader("x-amz-tagging-count")).hasValue("1");

        assertThat(s3.deleteObjectTagging(b -> b.bucket(versioned).key("doc").versionId(v1)).versionId()).isEqualTo(v1);
        assertThat(s3.getObjectTagging(b -> b.bucket(versioned).key("doc").versionId(v1)).tagSet()).isEmpty();

        String unknown = s3.putObject(b -> b.bucket(versioned).key("other"), RequestBody.fromBytes(BODY)).versionId();
        s3.deleteObject(b -> b.bucket(versioned).key("other").versionId(unknown));
        assertS3Error(404, "NoSuchVersion", () -> s3.getObjectTagging(b -> b.bucket(versioned).key("doc").versionId(unknown)));
        assertS3Error(404, "NoSuchVersion", () -> s3.putObjectTagging(b -> b.bucket(versioned).key("doc").versionId(unknown)
                .tagging(t -> t.tagSet(tag("a", "1")))));
        assertS3Error(400, "InvalidArgument", () -> s3.getObjectTagging(b -> b.bucket(versioned).key("doc")
                .versionId("not-a-version")));
    }

    @Test
    void aDeleteMarkerHasNoTagsToReadOrWrite() {
        String versioned = server.createVersionedBucket("tag-markers");
        put(versioned, "deleted");
        String marker = s3.deleteObject(b -> b.bucket(versioned).key("deleted")).versionId();
        for (String versionId : new String[] {null, marker}) {
            S3Exception get = assertS3Error(405, "MethodNotAllowed", () -> s3.getObjectTagging(b -> b.bucket(versioned)
                    .key("deleted").versionId(versionId)));
            assertThat(get.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amz-delete-marker")).hasValue("true");
            assertS3Error(405, "MethodNotAllowed", () -> s3.putObjectTagging(b -> b.bucket(versioned).key("deleted")
                    .versionId(versionId).tagging(t -> t.tagSet(tag("a", "1")))));
            assertS3Error(405, "MethodNotAllowed", () -> s3.deleteObjectTagging(b -> b.bucket(versioned).key("deleted")
                    .versionId(versionId)));
        }
    }

    @Test
    void putObjectTakesItsTagsFromTheHeader() {
        s3.putObject(b -> b.bucket(bucket).key("headed").tagging("a=1&b%20c=d%2Be&%C3%BC=%E6%96%87&empty="),
                RequestBody.fromBytes(BODY));
        assertThat(tags(bucket, "headed")).containsExactly(tag("a", "1"), tag("b c", "d+e"), tag("ü", "文"), tag("empty", ""));
        assertThat(s3.getObject(b -> b.bucket(bucket).key("headed")).response().tagCount()).isEqualTo(4);
        s3.putObject(b -> b.bucket(bucket).key("headed-sdk").tagging(software.amazon.awssdk.services.s3.model.Tagging
                .builder().tagSet(tag("team", "blue green")).build()), RequestBody.fromBytes(BODY));
        assertThat(tags(bucket, "headed-sdk")).containsExactly(tag("team", "blue green"));
    }

    @Test
    void copyKeepsTheSourcesTagsOrReplacesThem() {
        s3.putObject(b -> b.bucket(bucket).key("copy-src").tagging("origin=source&n=1"), RequestBody.fromBytes(BODY));
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("copy-src").destinationBucket(bucket).destinationKey("copy-default"));
        assertThat(tags(bucket, "copy-default")).containsExactly(tag("origin", "source"), tag("n", "1"));
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("copy-src").destinationBucket(bucket).destinationKey("copy-copy")
                .taggingDirective(TaggingDirective.COPY).tagging("ignored=yes"));
        assertThat(tags(bucket, "copy-copy")).containsExactly(tag("origin", "source"), tag("n", "1"));
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("copy-src").destinationBucket(bucket).destinationKey("copy-replace")
                .taggingDirective(TaggingDirective.REPLACE).tagging("origin=copy"));
        assertThat(tags(bucket, "copy-replace")).containsExactly(tag("origin", "copy"));
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("copy-src").destinationBucket(bucket).destinationKey("copy-none")
                .taggingDirective(TaggingDirective.REPLACE));
        assertThat(tags(bucket, "copy-none")).isEmpty();
        assertThat(tags(bucket, "copy-src")).as("the source keeps its tags").hasSize(2);

        String body = assertXmlError(server.raw().signed("PUT", "/" + bucket + "/copy-bad", Map.of(
                "x-amz-copy-source", "/" + bucket + "/copy-src", "x-amz-tagging-directive", "SOMETIMES"), new byte[0]),
                400, "InvalidArgument");
        assertThat(Xml.text(body, "/Error/ArgumentName")).isEqualTo("x-amz-tagging-directive");
        assertS3Error(400, "InvalidTag", () -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("copy-src")
                .destinationBucket(bucket).destinationKey("copy-invalid").taggingDirective(TaggingDirective.REPLACE)
                .tagging("bad,key=1")));
    }

    @Test
    void aMultipartUploadKeepsItsTagsForTheCompletedObject() {
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key("assembled").tagging("parts=2&kind=multipart"))
                .uploadId();
        byte[] first = TestData.randomBytes(5 * 1024 * 1024, 1);
        String e1 = s3.uploadPart(b -> b.bucket(bucket).key("assembled").uploadId(uploadId).partNumber(1),
                RequestBody.fromBytes(first)).eTag();
        String e2 = s3.uploadPart(b -> b.bucket(bucket).key("assembled").uploadId(uploadId).partNumber(2),
                RequestBody.fromBytes(BODY)).eTag();
        s3.completeMultipartUpload(b -> b.bucket(bucket).key("assembled").uploadId(uploadId).multipartUpload(m -> m.parts(
                CompletedPart.builder().partNumber(1).eTag(e1).build(), CompletedPart.builder().partNumber(2).eTag(e2).build())));
        assertThat(tags(bucket, "assembled")).containsExactly(tag("parts", "2"), tag("kind", "multipart"));
        assertThat(tagCount(bucket, "assembled")).isEqualTo("2");
        assertS3Error(400, "BadRequest", () -> s3.createMultipartUpload(b -> b.bucket(bucket).key("too-many")
                .tagging(IntStream.range(0, 11).mapToObj(i -> "k" + i + "=v").collect(Collectors.joining("&")))));
    }

    @Test
    void aPostFormTakesItsTagsFromTheTaggingField() {
        String tagging = "<Tagging><TagSet><Tag><Key>posted</Key><Value>by form</Value></Tag></TagSet></Tagging>";
        var response = PostObjectIT.Form.v4(server, bucket, "posted", List.of("{\"key\": \"posted\"}",
                "[\"starts-with\", \"$tagging\", \"\"]")).with("tagging", tagging).post("f.txt", BODY);
        assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(204);
        assertThat(tags(bucket, "posted")).containsExactly(tag("posted", "by form"));

        var malformed = PostObjectIT.Form.v4(server, bucket, "posted-bad", List.of("{\"key\": \"posted-bad\"}",
                "[\"starts-with\", \"$tagging\", \"\"]")).with("tagging", "a=b").post("f.txt", BODY);
        assertXmlError(malformed, 400, "MalformedXML");
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket).prefix("posted-bad")).contents()).isEmpty();
    }

    @Test
    void eachOfS3sLimitsAnswersItsErrorCode() {
        put(bucket, "limits");
        assertThat(assertS3Error(400, "BadRequest", () -> putTags("limits", numbered(11))).awsErrorDetails().errorMessage())
                .isEqualTo("Object tags cannot be greater than 10");
        assertThat(assertS3Error(400, "InvalidTag", () -> putTags("limits", List.of(tag("a", "1"), tag("a", "2"))))
                .awsErrorDetails().errorMessage()).isEqualTo("Cannot provide multiple Tags with the same key");
        assertThat(assertS3Error(400, "InvalidTag", () -> putTags("limits", List.of(tag("k".repeat(129), "v"))))
                .awsErrorDetails().errorMessage()).isEqualTo("The TagKey you have provided is invalid");
        assertThat(assertS3Error(400, "InvalidTag", () -> putTags("limits", List.of(tag("k", "v".repeat(257)))))
                .awsErrorDetails().errorMessage()).isEqualTo("The TagValue you have provided is invalid");
        assertS3Error(400, "InvalidTag", () -> putTags("limits", List.of(tag("a*b", "v"))));
        assertS3Error(400, "InvalidTag", () -> putTags("limits", List.of(tag("k", "😀"))));
        assertS3Error(400, "InvalidTag", () -> putTags("limits", List.of(tag("aws:cost", "v"))));
        assertThat(tags(bucket, "limits")).as("nothing refused was stored").isEmpty();

        String path = "/" + bucket + "/limits?tagging";
        assertXmlError(server.raw().signed("PUT", path, Map.of(), TestData.utf8("<Tagging><TagSet>")), 400, "MalformedXML");
        assertXmlError(server.raw().signed("PUT", path, Map.of(), TestData.utf8("<Tagging></Tagging>")), 400, "MalformedXML");
        assertXmlError(server.raw().signed("PUT", path, Map.of(), TestData.utf8(
                "<Tagging><TagSet><Tag><Key>a</Key></Tag></TagSet></Tagging>")), 400, "MalformedXML");
        assertXmlError(server.raw().signed("PUT", path, Map.of(), new byte[0]), 400, "MissingRequestBodyError");

        String eleven = IntStream.range(0, 11).mapToObj(i -> "k" + i + "=v").collect(Collectors.joining("&"));
        assertS3Error(400, "BadRequest", () -> s3.putObject(b -> b.bucket(bucket).key("header-limits").tagging(eleven),
                RequestBody.fromBytes(BODY)));
        S3Exception twice = assertS3Error(400, "InvalidArgument", () -> s3.putObject(b -> b.bucket(bucket)
                .key("header-limits").tagging("a=1&a=2"), RequestBody.fromBytes(BODY)));
        assertThat(twice.awsErrorDetails().errorMessage()).startsWith("The header 'x-amz-tagging' shall be encoded as UTF-8");
        assertS3Error(400, "InvalidTag", () -> s3.putObject(b -> b.bucket(bucket).key("header-limits").tagging("a,b=1"),
                RequestBody.fromBytes(BODY)));
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket).prefix("header-limits")).contents()).isEmpty();
    }

    private static void putTags(String key, List<Tag> tags) {
        s3.putObjectTagging(b -> b.bucket(bucket).key(key).tagging(t -> t.tagSet(tags)));
    }

    @Test
    void bucketTagsArePutReadAndDeletedWithNoSuchTagSetWhenThereAreNone() {
        String tagged = server.createBucket("bucket-tags");
        S3Exception none = assertS3Error(404, "NoSuchTagSet", () -> s3.getBucketTagging(b -> b.bucket(tagged)));
        assertThat(none.awsErrorDetails().errorMessage()).isEqualTo("The TagSet does not exist");

        List<Tag> fifty = numbered(50);
        assertThat(s3.putBucketTagging(b -> b.bucket(tagged).tagging(t -> t.tagSet(fifty))).sdkHttpResponse().statusCode())
                .isEqualTo(204);
        assertThat(s3.getBucketTagging(b -> b.bucket(tagged)).tagSet()).containsExactlyElementsOf(fifty);
        assertThat(assertS3Error(400, "BadRequest", () -> s3.putBucketTagging(b -> b.bucket(tagged)
                .tagging(t -> t.tagSet(numbered(51))))).awsErrorDetails().errorMessage())
                .isEqualTo("Bucket tag count cannot be greater than 50");
        assertS3Error(400, "InvalidTag", () -> s3.putBucketTagging(b -> b.bucket(tagged)
                .tagging(t -> t.tagSet(tag("x", "1"), tag("x", "2")))));
        assertThat(s3.getBucketTagging(b -> b.bucket(tagged)).tagSet()).hasSize(50);

        assertThat(s3.deleteBucketTagging(b -> b.bucket(tagged)).sdkHttpResponse().statusCode()).isEqualTo(204);
        assertS3Error(404, "NoSuchTagSet", () -> s3.getBucketTagging(b -> b.bucket(tagged)));

        s3.putBucketTagging(b -> b.bucket(tagged).tagging(t -> t.tagSet(tag("cost-center", "42"))));
        s3.deleteBucket(b -> b.bucket(tagged));
        s3.createBucket(b -> b.bucket(tagged));
        assertS3Error(404, "NoSuchTagSet", () -> s3.getBucketTagging(b -> b.bucket(tagged)));
    }

    @Test
    void bucketTaggingWithoutADigestIsRefusedAsS3RefusesIt() {
        String tagged = server.createBucket("bucket-digest");
        byte[] doc = TestData.utf8("<Tagging><TagSet><Tag><Key>a</Key><Value>1</Value></Tag></TagSet></Tagging>");
        assertXmlError(server.raw().signed("PUT", "/" + tagged + "?tagging", Map.of(), doc), 400, "InvalidRequest");
        assertThat(server.raw().signed("PUT", "/" + tagged + "?tagging", Map.of("Content-MD5", TestData.md5Base64(doc)), doc)
                .statusCode()).isEqualTo(204);
        assertThat(s3.getBucketTagging(b -> b.bucket(tagged)).tagSet()).containsExactly(tag("a", "1"));
    }
}

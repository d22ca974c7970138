package dev.coffer.compat;

import static dev.coffer.compat.support.S3Assertions.assertS3Error;
import static dev.coffer.compat.support.S3Assertions.assertSameBytes;
import static dev.coffer.compat.support.S3Assertions.assertXmlError;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import dev.coffer.compat.support.Multipart;
import dev.coffer.compat.support.TestData;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/** The multipart life cycle with the SDK's default sync client, and every error S3 answers in it. */
@ExtendWith(CofferServerExtension.class)
class MultipartIT {
    static final int MIB = TestData.MIB;
    private static CofferServer server;
    private static S3Client s3;
    private static String bucket;

    @BeforeAll
    static void start(CofferServer cofferServer) {
        server = cofferServer;
        s3 = server.s3();
        bucket = server.createBucket("multipart");
    }

    @Test
    void threePartUploadReadsBackWholeAndByPartWithTheMultipartEtag() {
        byte[] p1 = TestData.randomBytes(5 * MIB, 1);
        byte[] p2 = TestData.randomBytes(5 * MIB + 7, 2);
        byte[] p3 = TestData.randomBytes(MIB / 3, 3);
        String etag = Multipart.put(s3, bucket, "three", p1, p2, p3);
        assertThat(etag).isEqualTo(Multipart.etagOf(p1, p2, p3));
        ResponseBytes<GetObjectResponse> whole = s3.getObjectAsBytes(b -> b.bucket(bucket).key("three"));
        assertSameBytes(whole.asByteArray(), Multipart.concat(p1, p2, p3), "whole object");
        assertThat(whole.response().eTag()).isEqualTo(etag);
        assertThat(whole.response().partsCount()).as("S3 sends the count only when a part is asked for").isNull();

        ResponseBytes<GetObjectResponse> second = s3.getObjectAsBytes(b -> b.bucket(bucket).key("three").partNumber(2));
        assertSameBytes(second.asByteArray(), p2, "part 2");
        assertThat(second.response().contentRange()).isEqualTo("bytes " + p1.length + "-" + (p1.length + p2.length - 1)
                + "/" + (p1.length + p2.length + p3.length));
        assertThat(second.response().partsCount()).isEqualTo(3);
        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key("three").partNumber(3));
        assertThat(head.contentLength()).isEqualTo(p3.length);
        assertThat(head.partsCount()).isEqualTo(3);
        assertS3Error(400, "InvalidPartNumber", () -> s3.getObject(b -> b.bucket(bucket).key("three").partNumber(4)));
        // A range across the boundary of parts 1 and 2 reads from the chunks of both, and only the bytes asked.
        int from = p1.length - 1000;
        int to = p1.length + 999;
        ResponseBytes<GetObjectResponse> across = s3.getObjectAsBytes(b -> b.bucket(bucket).key("three")
                .range("bytes=" + from + "-" + to));
        assertSameBytes(across.asByteArray(), java.util.Arrays.copyOfRange(Multipart.concat(p1, p2), from, to + 1),
                "range across parts");
        assertS3Error(400, "InvalidRequest", () -> s3.getObject(b -> b.bucket(bucket).key("three").partNumber(1)
                .range("bytes=0-1")));
    }

    @Test
    void partNumberOnASinglePartObjectIsTheWholeObjectOnlyForPartOne() {
        byte[] bytes = TestData.randomBytes(1000, 9);
        s3.putObject(b -> b.bucket(bucket).key("single"), RequestBody.fromBytes(bytes));
        ResponseBytes<GetObjectResponse> one = s3.getObjectAsBytes(b -> b.bucket(bucket).key("single").partNumber(1));
        assertSameBytes(one.asByteArray(), bytes, "part 1 of a single-part object");
        assertThat(one.response().partsCount()).isNull();
        assertS3Error(400, "InvalidPartNumber", () -> s3.getObject(b -> b.bucket(bucket).key("single").partNumber(2)));
        assertS3Error(400, "InvalidArgument", () -> s3.getObject(b -> b.bucket(bucket).key("single").partNumber(0)));
    }

    @Test
    void partNumbersOutsideOneToTenThousandAreInvalidArgument() {
        String id = Multipart.create(s3, bucket, "numbers");
        for (int bad : new int[] {0, 10_001, -1}) {
            assertS3Error(400, "InvalidArgument", () -> s3.uploadPart(b -> b.bucket(bucket).key("numbers").uploadId(id)
                    .partNumber(bad), RequestBody.fromString("x")));
        }
        Multipart.upload(s3, bucket, "numbers", id, 10_000, "last".getBytes(StandardCharsets.UTF_8));
        assertThat(s3.listParts(b -> b.bucket(bucket).key("numbers").uploadId(id)).parts())
                .extracting(p -> p.partNumber()).containsExactly(10_000);
    }

    @Test
    void partsOtherThanTheLastSmallerThanFiveMibAreEntityTooSmall() {
        String id = Multipart.create(s3, bucket, "small");
        CompletedPart a = Multipart.upload(s3, bucket, "small", id, 1, TestData.randomBytes(MIB, 1));
        CompletedPart b = Multipart.upload(s3, bucket, "small", id, 2, TestData.randomBytes(MIB, 2));
        assertS3Error(400, "EntityTooSmall", () -> s3.completeMultipartUpload(r -> r.bucket(bucket).key("small")
                .uploadId(id).multipartUpload(m -> m.parts(a, b))));
        // The refused completion changed nothing: the upload still completes with part 2 alone.
        assertThat(s3.completeMultipartUpload(r -> r.bucket(bucket).key("small").uploadId(id)
                .multipartUpload(m -> m.parts(b))).eTag()).endsWith("-1\"");
    }

    @Test
    void unknownPartWrongEtagAndDisorderAreRefused() {
        String id = Multipart.create(s3, bucket, "refused");
        CompletedPart one = Multipart.upload(s3, bucket, "refused", id, 1, TestData.randomBytes(5 * MIB, 1));
        CompletedPart two = Multipart.upload(s3, bucket, "refused", id, 2, TestData.randomBytes(10, 2));
        CompletedPart unknown = two.toBuilder().partNumber(3).build();
        CompletedPart wrongEtag = two.toBuilder().eTag("\"00000000000000000000000000000000\"").build();
        for (List<CompletedPart> parts : List.of(List.of(one, unknown), List.of(one, wrongEtag))) {
            assertS3Error(400, "InvalidPart", () -> s3.completeMultipartUpload(r -> r.bucket(bucket).key("refused")
                    .uploadId(id).multipartUpload(m -> m.parts(parts))));
        }
        assertS3Error(400, "InvalidPartOrder", () -> s3.completeMultipartUpload(r -> r.bucket(bucket).key("refused")
                .uploadId(id).multipartUpload(m -> m.parts(two, one))));
        var malformed = server.raw().signed("POST", "/" + bucket + "/refused?uploadId=" + id, Map.of(),
                "<CompleteMultipartUpload><Part>".getBytes(StandardCharsets.UTF_8));
        assertXmlError(malformed, 400, "MalformedXML");
        var empty = server.raw().signed("POST", "/" + bucket + "/refused?uploadId=" + id, Map.of(),
                "<CompleteMultipartUpload/>".getBytes(StandardCharsets.UTF_8));
        assertXmlError(empty, 400, "MalformedXML");
    }

    @Test
    void unknownUploadIsNoSuchUploadEverywhere() {
        String bogus = "0123456789abcdef0123456789abcdef";
        assertS3Error(404, "NoSuchUpload", () -> s3.uploadPart(b -> b.bucket(bucket).key("k").uploadId(bogus).partNumber(1),
                RequestBody.fromString("x")));
        assertS3Error(404, "NoSuchUpload", () -> s3.listParts(b -> b.bucket(bucket).key("k").uploadId("not-an-id")));
        assertS3Error(404, "NoSuchUpload", () -> s3.abortMultipartUpload(b -> b.bucket(bucket).key("k").uploadId(bogus)));
        assertS3Error(404, "NoSuchUpload", () -> s3.completeMultipartUpload(b -> b.bucket(bucket).key("k").uploadId(bogus)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag("\"x\"").build()))));
        String id = Multipart.create(s3, bucket, "k");
        assertS3Error(404, "NoSuchUpload", () -> s3.listParts(b -> b.bucket(bucket).key("other-key").uploadId(id)));
        assertS3Error(404, "NoSuchBucket", () -> s3.createMultipartUpload(b -> b.bucket("no-such-bucket-mp").key("k")));
    }

    @Test
    void reuploadedPartReplacesTheOldAndASubsetCompletes() {
        String id = Multipart.create(s3, bucket, "subset");
        byte[] first = TestData.randomBytes(5 * MIB, 10);
        byte[] replaced = TestData.randomBytes(5 * MIB, 11);
        byte[] unused = TestData.randomBytes(5 * MIB, 12);
        byte[] last = TestData.randomBytes(100, 13);
        Multipart.upload(s3, bucket, "subset", id, 1, first);
        CompletedPart one = Multipart.upload(s3, bucket, "subset", id, 1, replaced);
        Multipart.upload(s3, bucket, "subset", id, 2, unused);
        CompletedPart three = Multipart.upload(s3, bucket, "subset", id, 3, last);
        assertThat(s3.listParts(b -> b.bucket(bucket).key("subset").uploadId(id)).parts())
                .extracting(p -> p.partNumber() + " " + p.eTag())
                .containsExactly("1 " + TestData.etagOf(replaced), "2 " + TestData.etagOf(unused), "3 " + TestData.etagOf(last));
        String etag = s3.completeMultipartUpload(b -> b.bucket(bucket).key("subset").uploadId(id)
                .multipartUpload(m -> m.parts(one, three))).eTag();
        assertThat(etag).isEqualTo(Multipart.etagOf(replaced, last));
        assertSameBytes(s3.getObjectAsBytes(b -> b.bucket(bucket).key("subset")).asByteArray(),
                Multipart.concat(replaced, last), "parts 1 (re-uploaded) and 3");
        assertS3Error(404, "NoSuchUpload", () -> s3.listParts(b -> b.bucket(bucket).key("subset").uploadId(id)));
    }

    @Test
    void retriedCompleteAnswersTheSameResultWhileTheObjectIsCurrent() {
        String id = Multipart.create(s3, bucket, "retry");
        CompletedPart one = Multipart.upload(s3, bucket, "retry", id, 1, TestData.randomBytes(1234, 1));
        var first = s3.completeMultipartUpload(b -> b.bucket(bucket).key("retry").uploadId(id).multipartUpload(m -> m.parts(one)));
        var again = s3.completeMultipartUpload(b -> b.bucket(bucket).key("retry").uploadId(id).multipartUpload(m -> m.parts(one)));
        assertThat(again.eTag()).isEqualTo(first.eTag());
        assertThat(again.key()).isEqualTo("retry");
        s3.putObject(b -> b.bucket(bucket).key("retry"), RequestBody.fromString("overwritten"));
        assertS3Error(404, "NoSuchUpload", () -> s3.completeMultipartUpload(b -> b.bucket(bucket).key("retry").uploadId(id)
                .multipartUpload(m -> m.parts(one))));
    }

    @Test
    void abortRemovesTheUploadAndItsParts() {
        String id = Multipart.create(s3, bucket, "aborted");
        Multipart.upload(s3, bucket, "aborted", id, 1, TestData.randomBytes(MIB, 1));
        s3.abortMultipartUpload(b -> b.bucket(bucket).key("aborted").uploadId(id));
        assertS3Error(404, "NoSuchUpload", () -> s3.listParts(b -> b.bucket(bucket).key("aborted").uploadId(id)));
        assertThat(s3.listMultipartUploads(b -> b.bucket(bucket).prefix("aborted")).uploads()).isEmpty();
        assertS3Error(404, "NoSuchKey", () -> s3.headObject(b -> b.bucket(bucket).key("aborted")));
    }

    @Test
    void createKeepsHeadersAndMetadataForTheCompletedObject() {
        String id = s3.createMultipartUpload(b -> b.bucket(bucket).key("headers").contentType("text/csv")
                .cacheControl("max-age=60").metadata(Map.of("origin", "multipart"))).uploadId();
        CompletedPart one = Multipart.upload(s3, bucket, "headers", id, 1, "a,b\n".getBytes(StandardCharsets.UTF_8));
        s3.completeMultipartUpload(b -> b.bucket(bucket).key("headers").uploadId(id).multipartUpload(m -> m.parts(one)));
        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key("headers"));
        assertThat(head.contentType()).isEqualTo("text/csv");
        assertThat(head.cacheControl()).isEqualTo("max-age=60");
        assertThat(head.metadata()).containsEntry("origin", "multipart");
        assertThat(s3.headObject(b -> b.bucket(bucket).key("headers").partNumber(1)).partsCount()).isEqualTo(1);
    }

    @Test
    void emptySinglePartUploadMakesAnEmptyObject() {
        String etag = Multipart.put(s3, bucket, "empty", new byte[0]);
        assertThat(etag).isEqualTo(Multipart.etagOf(new byte[0]));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("empty")).asByteArray()).isEmpty();
    }
}

package dev.coffer.compat;

import static dev.coffer.compat.support.S3Assertions.assertHasRequestId;
import static dev.coffer.compat.support.S3Assertions.assertS3Error;
import static dev.coffer.compat.support.S3Assertions.assertXmlError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import dev.coffer.compat.support.TestData;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.DeletedObject;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

/** DeleteObjects: batches, quiet mode, missing keys, malformed requests. */
@ExtendWith(CofferServerExtension.class)
class DeleteObjectsIT {

    private static CofferServer server;
    private static S3Client s3;

    @BeforeAll
    static void start(CofferServer cofferServer) {
        server = cofferServer;
        s3 = server.s3();
    }

    @Test
    void deleteObjectsReportsEveryKeyAsDeletedIncludingMissingOnes() {
        String bucket = server.createBucketWithKeys("batch", List.of("a", "b", "c/d", "keep"));
        DeleteObjectsResponse response = s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(
                ids("a", "b", "c/d", "never-existed"))));
        assertHasRequestId(response);
        assertThat(response.deleted()).extracting(DeletedObject::key)
                .containsExactlyInAnyOrder("a", "b", "c/d", "never-existed");
        assertThat(response.errors()).isEmpty();
        assertThat(ListObjectsV2IT.keys(s3.listObjectsV2(b -> b.bucket(bucket)))).containsExactly("keep");
    }

    @Test
    void deleteObjectsInQuietModeReportsNothingOnSuccess() {
        String bucket = server.createBucketWithKeys("quiet", List.of("x", "y"));
        DeleteObjectsResponse response = s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.quiet(true)
                .objects(ids("x", "y", "missing"))));
        assertThat(response.deleted()).isEmpty();
        assertThat(response.errors()).isEmpty();
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).contents()).isEmpty();
    }

    @Test
    void deleteObjectsDeletesAThousandKeysInOneRequest() {
        List<String> keys = IntStream.range(0, 1000).mapToObj(i -> String.format("k%04d", i)).toList();
        String bucket = server.createBucketWithKeys("thousand", keys.subList(0, 20));
        DeleteObjectsResponse response = s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d
                .objects(ids(keys.toArray(String[]::new)))));
        assertThat(response.deleted()).hasSize(1000);
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).contents()).isEmpty();
    }

    @Test
    void deleteObjectsWithSpecialCharacterKeysDeletesThem() {
        List<String> keys = List.of("a b", "ü/😀", "x&y<z>", "quote\"'");
        String bucket = server.createBucketWithKeys("special-delete", keys);
        DeleteObjectsResponse response = s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d
                .objects(ids(keys.toArray(String[]::new)))));
        assertThat(response.deleted()).extracting(DeletedObject::key).containsExactlyInAnyOrderElementsOf(keys);
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).contents()).isEmpty();
    }

    @Test
    void deleteObjectsInMissingBucketReturnsNoSuchBucket() {
        String missing = server.uniqueBucketName("delete-missing");
        assertS3Error(404, "NoSuchBucket", () -> s3.deleteObjects(b -> b.bucket(missing).delete(d -> d.objects(ids("a")))));
    }

    @Test
    void deleteObjectsWithMalformedXmlReturnsMalformedXml() {
        String bucket = server.createBucket("malformed");
        byte[] body = TestData.utf8("<Delete><Object><Key>a</Key></Object>");
        assertXmlError(server.raw().signed("POST", "/" + bucket + "?delete",
                Map.of("Content-MD5", TestData.md5Base64(body), "Content-Type", "application/xml"), body), 400, "MalformedXML");
    }

    @Test
    void deleteObjectsWithMoreThanAThousandKeysReturnsMalformedXml() {
        String bucket = server.createBucket("toomany");
        StringBuilder xml = new StringBuilder("<Delete>");
        for (int i = 0; i <= 1000; i++) {
            xml.append("<Object><Key>k").append(i).append("</Key></Object>");
        }
        byte[] body = TestData.utf8(xml.append("</Delete>").toString());
        assertXmlError(server.raw().signed("POST", "/" + bucket + "?delete",
                Map.of("Content-MD5", TestData.md5Base64(body), "Content-Type", "application/xml"), body), 400, "MalformedXML");
    }

    private static List<ObjectIdentifier> ids(String... keys) {
        return java.util.Arrays.stream(keys).map(k -> ObjectIdentifier.builder().key(k).build()).toList();
    }
}

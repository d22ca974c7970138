package dev.coffer.compat;

import static dev.coffer.compat.support.S3Assertions.assertS3Error;
import static dev.coffer.compat.support.S3Assertions.assertSameBytes;
import static dev.coffer.compat.support.S3Assertions.assertXmlError;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import dev.coffer.compat.support.SigV2Signer;
import dev.coffer.compat.support.TestData;
import dev.coffer.compat.support.Xml;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedUploadPartRequest;

/**
 * Issue 13, "headers the server acts on must be signed": whoever holds a presigned upload URL adds
 * {@code x-amz-copy-source} and tries to turn the upload into a copy of an object the signer can
 * read but the holder cannot. Before the fix, the presigned PUT answered 200 with a
 * CopyObjectResult and the UploadPart URL copied the secret into the upload.
 */
@ExtendWith(CofferServerExtension.class)
class SignedHeadersIT {
    private static final byte[] SECRET = TestData.utf8("the signer's secret, never to be shared");

    private static CofferServer server;
    private static String secretBucket;
    private static String bucket;

    @BeforeAll
    static void start(CofferServer cofferServer) {
        server = cofferServer;
        secretBucket = server.createBucket("secret");
        bucket = server.createBucket("uploads");
        server.s3().putObject(b -> b.bucket(secretBucket).key("secret"), RequestBody.fromBytes(SECRET));
    }

    @Test
    void presignedPutWithAnAddedCopySourceIsAccessDeniedAndCopiesNothing() {
        PresignedPutObjectRequest presigned = server.presigner().presignPutObject(p -> p
                .signatureDuration(Duration.ofMinutes(5)).putObjectRequest(o -> o.bucket(bucket).key("drop-box")));
        HttpResponse<byte[]> response = server.raw().send(HttpRequest.newBuilder(uri(presigned.url()))
                .header("x-amz-copy-source", "/" + secretBucket + "/secret")
                .PUT(HttpRequest.BodyPublishers.noBody()).build());
        String xml = assertXmlError(response, 403, "AccessDenied");
        assertThat(Xml.text(xml, "/Error/Message")).isEqualTo("There were headers present in the request which were not signed");
        assertThat(Xml.text(xml, "/Error/HeadersNotSigned")).isEqualTo("x-amz-copy-source");
        assertS3Error(404, "NoSuchKey", () -> server.s3().headObject(b -> b.bucket(bucket).key("drop-box")));

        byte[] upload = TestData.utf8("what the URL was made for");
        HttpResponse<byte[]> honest = server.raw().send(HttpRequest.newBuilder(uri(presigned.url()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(upload)).build());
        assertThat(honest.statusCode()).as(new String(honest.body())).isEqualTo(200);
    }

    @Test
    void presignedUploadPartWithAnAddedCopySourceIsAccessDeniedAndCopiesNothing() {
        String uploadId = server.s3().createMultipartUpload(b -> b.bucket(bucket).key("parted")).uploadId();
        PresignedUploadPartRequest presigned = server.presigner().presignUploadPart(p -> p
                .signatureDuration(Duration.ofMinutes(5))
                .uploadPartRequest(u -> u.bucket(bucket).key("parted").uploadId(uploadId).partNumber(1)));
        HttpResponse<byte[]> response = server.raw().send(HttpRequest.newBuilder(uri(presigned.url()))
                .header("x-amz-copy-source", "/" + secretBucket + "/secret")
                .PUT(HttpRequest.BodyPublishers.noBody()).build());
        String xml = assertXmlError(response, 403, "AccessDenied");
        assertThat(Xml.text(xml, "/Error/HeadersNotSigned")).isEqualTo("x-amz-copy-source");
        assertThat(server.s3().listParts(b -> b.bucket(bucket).key("parted").uploadId(uploadId)).parts()).isEmpty();

        byte[] part = TestData.randomBytes(1000, 3);
        HttpResponse<byte[]> honest = server.raw().send(HttpRequest.newBuilder(uri(presigned.url()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(part)).build());
        assertThat(honest.statusCode()).as(new String(honest.body())).isEqualTo(200);
        String etag = honest.headers().firstValue("ETag").orElseThrow();
        server.s3().completeMultipartUpload(b -> b.bucket(bucket).key("parted").uploadId(uploadId)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag).build())));
        assertSameBytes(server.s3().getObjectAsBytes(b -> b.bucket(bucket).key("parted")).asByteArray(), part, "parted");
    }

    @Test
    void headerSignedRequestWithAnAddedAmzHeaderIsAccessDenied() {
        // RawS3 signs the headers it is given; java.net.http then adds one the signature never saw.
        server.s3().putObject(b -> b.bucket(bucket).key("signed"), RequestBody.fromBytes(TestData.utf8("x")));
        HttpResponse<byte[]> response = server.raw().signedPlus("GET", "/" + bucket + "/signed",
                "x-amz-checksum-mode", "ENABLED");
        String xml = assertXmlError(response, 403, "AccessDenied");
        assertThat(Xml.text(xml, "/Error/HeadersNotSigned")).isEqualTo("x-amz-checksum-mode");
    }

    /** SigV2 signs every x-amz-* header present: the added one breaks the signature instead. */
    @Test
    void sigV2PresignedPutWithAnAddedCopySourceDoesNotMatch() {
        URI url = SigV2Signer.presign(server.endpoint(), "PUT", "/" + bucket + "/v2-drop-box",
                Instant.now().plusSeconds(300).getEpochSecond());
        HttpResponse<byte[]> response = server.raw().send(HttpRequest.newBuilder(url)
                .header("x-amz-copy-source", "/" + secretBucket + "/secret")
                .PUT(HttpRequest.BodyPublishers.noBody()).build());
        assertXmlError(response, 403, "SignatureDoesNotMatch");
        assertS3Error(404, "NoSuchKey", () -> server.s3().headObject(b -> b.bucket(bucket).key("v2-drop-box")));
        HttpResponse<byte[]> honest = server.raw().send(HttpRequest.newBuilder(url)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(TestData.utf8("v2"))).build());
        assertThat(honest.statusCode()).as(new String(honest.body())).isEqualTo(200);
    }

    private static URI uri(java.net.URL url) {
        try {
            return url.toURI();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}

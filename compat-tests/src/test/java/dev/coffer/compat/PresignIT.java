package dev.coffer.compat;

import static dev.coffer.compat.support.S3Assertions.assertSameBytes;
import static dev.coffer.compat.support.S3Assertions.assertXmlError;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import dev.coffer.compat.support.TestData;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/** Presigned GET and PUT URLs made by the SDK's S3Presigner, fetched with a plain HTTP client. */
@ExtendWith(CofferServerExtension.class)
class PresignIT {

    private static final byte[] BYTES = TestData.randomBytes(300_000, 9);

    private static CofferServer server;
    private static String bucket;

    @BeforeAll
    static void start(CofferServer cofferServer) {
        server = cofferServer;
        bucket = server.createBucket("presign");
        server.s3().putObject(b -> b.bucket(bucket).key("shared file.bin"), RequestBody.fromBytes(BYTES));
    }

    @Test
    void presignedGetReturnsTheObject() {
        PresignedGetObjectRequest presigned = server.presigner().presignGetObject(p -> p
                .signatureDuration(Duration.ofMinutes(5)).getObjectRequest(g -> g.bucket(bucket).key("shared file.bin")));
        assertThat(presigned.isBrowserExecutable()).isTrue();
        HttpResponse<byte[]> response = server.raw().send(HttpRequest.newBuilder(toUri(presigned.url())).GET().build());
        assertThat(response.statusCode()).isEqualTo(200);
        assertSameBytes(response.body(), BYTES, "presigned GET");
        assertThat(response.headers().firstValue("ETag")).hasValue(TestData.etagOf(BYTES));
    }

    @Test
    void presignedGetWithResponseOverridesSetsHeaders() {
        PresignedGetObjectRequest presigned = server.presigner().presignGetObject(p -> p
                .signatureDuration(Duration.ofMinutes(5)).getObjectRequest(g -> g.bucket(bucket).key("shared file.bin")
                        .responseContentDisposition("attachment; filename=\"x.bin\"").responseContentType("application/x-x")));
        HttpResponse<byte[]> response = server.raw().send(HttpRequest.newBuilder(toUri(presigned.url())).GET().build());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"x.bin\"");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-x");
    }

    @Test
    void presignedPutStoresTheObject() {
        byte[] bytes = TestData.randomBytes(123_456, 10);
        PresignedPutObjectRequest presigned = server.presigner().presignPutObject(p -> p
                .signatureDuration(Duration.ofMinutes(5)).putObjectRequest(o -> o.bucket(bucket).key("uploaded/ü.bin")));
        HttpRequest.Builder put = HttpRequest.newBuilder(toUri(presigned.url())).PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
        presigned.signedHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host")) {
                values.forEach(v -> put.header(name, v));
            }
        });
        HttpResponse<byte[]> response = server.raw().send(put.build());
        assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(200);
        assertThat(response.headers().firstValue("ETag")).hasValue(TestData.etagOf(bytes));
        assertSameBytes(server.s3().getObjectAsBytes(b -> b.bucket(bucket).key("uploaded/ü.bin")).asByteArray(), bytes,
                "object uploaded by presigned PUT");
    }

    @Test
    void expiredPresignedGetReturnsAccessDenied() throws InterruptedException {
        PresignedGetObjectRequest presigned = server.presigner().presignGetObject(p -> p
                .signatureDuration(Duration.ofSeconds(1)).getObjectRequest(g -> g.bucket(bucket).key("shared file.bin")));
        Thread.sleep(2_500);
        HttpResponse<byte[]> response = server.raw().send(HttpRequest.newBuilder(toUri(presigned.url())).GET().build());
        String xml = assertXmlError(response, 403, "AccessDenied");
        assertThat(xml).contains("expired");
    }

    @Test
    void presignedGetForAnotherKeyReturnsSignatureDoesNotMatch() {
        PresignedGetObjectRequest presigned = server.presigner().presignGetObject(p -> p
                .signatureDuration(Duration.ofMinutes(5)).getObjectRequest(g -> g.bucket(bucket).key("shared file.bin")));
        URI tampered = URI.create(presigned.url().toString().replace("shared%20file.bin", "other.bin"));
        assertXmlError(server.raw().send(HttpRequest.newBuilder(tampered).GET().build()), 403, "SignatureDoesNotMatch");
    }

    @Test
    void presignedGetWithWrongSecretReturnsSignatureDoesNotMatch() {
        try (S3Presigner wrong = server.newPresigner(CofferServer.ACCESS_KEY, "wrong-secret-key-wrong-secret-key-000000")) {
            PresignedGetObjectRequest presigned = wrong.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(g -> g.bucket(bucket).key("shared file.bin")));
            assertXmlError(server.raw().send(HttpRequest.newBuilder(toUri(presigned.url())).GET().build()), 403,
                    "SignatureDoesNotMatch");
        }
    }

    private static URI toUri(java.net.URL url) {
        try {
            return url.toURI();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}

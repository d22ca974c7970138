package dev.coffer.compat;

import static dev.coffer.compat.support.S3Assertions.assertS3Error;
import static dev.coffer.compat.support.S3Assertions.assertXmlError;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import dev.coffer.compat.support.TestData;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Who may talk to the server: SigV4 with the right and wrong keys, and no credentials at all. */
@ExtendWith(CofferServerExtension.class)
class AuthIT {

    private static CofferServer server;
    private static String bucket;

    @BeforeAll
    static void start(CofferServer cofferServer) {
        server = cofferServer;
        bucket = server.createBucket("auth");
        server.s3().putObject(b -> b.bucket(bucket).key("private"), RequestBody.fromString("private bytes"));
    }

    @Test
    void requestSignedWithWrongSecretReturnsSignatureDoesNotMatch() {
        try (S3Client wrong = server.newClient(CofferServer.ACCESS_KEY, "wrong-secret-key-wrong-secret-key-000000")) {
            assertS3Error(403, "SignatureDoesNotMatch", () -> wrong.getObjectAsBytes(b -> b.bucket(bucket).key("private")));
            assertS3Error(403, "SignatureDoesNotMatch", () -> wrong.listBuckets());
            assertS3Error(403, "SignatureDoesNotMatch", () -> wrong.putObject(b -> b.bucket(bucket).key("intruder"),
                    RequestBody.fromString("x")));
        }
        assertS3Error(404, "NoSuchKey", () -> server.s3().getObjectAsBytes(b -> b.bucket(bucket).key("intruder")));
    }

    @Test
    void requestWithUnknownAccessKeyReturnsInvalidAccessKeyId() {
        try (S3Client unknown = server.newClient("AKIAUNKNOWNUNKNOWN00", CofferServer.SECRET_KEY)) {
            assertS3Error(403, "InvalidAccessKeyId", () -> unknown.getObjectAsBytes(b -> b.bucket(bucket).key("private")));
            assertS3Error(403, "InvalidAccessKeyId", () -> unknown.listBuckets());
        }
    }

    /**
     * S3 refuses a credential scope naming another region than the bucket's, and names the right
     * one in {@code <Region>} so that a client can sign again (botocore's region redirector does).
     */
    @Test
    void requestSignedForAnotherRegionIsAuthorizationHeaderMalformedNamingTheRegion() {
        String expected = CofferServer.REGION.id();
        String body = assertXmlError(server.rawSignedFor("eu-west-3").signed("GET", "/" + bucket + "/private"), 400,
                "AuthorizationHeaderMalformed");
        assertThat(body).contains("<Message>The authorization header is malformed; the region 'eu-west-3' is wrong; "
                + "expecting '" + expected + "'</Message>").contains("<Region>" + expected + "</Region>");
        try (S3Client elsewhere = server.newClient(CofferServer.ACCESS_KEY, CofferServer.SECRET_KEY,
                software.amazon.awssdk.regions.Region.AP_SOUTHEAST_2)) {
            assertS3Error(400, "AuthorizationHeaderMalformed", () -> elsewhere.putObject(b -> b.bucket(bucket).key("elsewhere"),
                    RequestBody.fromString("x")));
        }
        assertS3Error(404, "NoSuchKey", () -> server.s3().getObjectAsBytes(b -> b.bucket(bucket).key("elsewhere")));
    }

    @Test
    void presignedUrlSignedForAnotherRegionIsAuthorizationQueryParametersError() {
        String expected = CofferServer.REGION.id();
        java.net.URI url = server.rawSignedFor("eu-west-3").presigned("GET", "/" + bucket + "/private",
                java.time.Duration.ofMinutes(5));
        String body = assertXmlError(server.raw().send(java.net.http.HttpRequest.newBuilder(url).GET().build()), 400,
                "AuthorizationQueryParametersError");
        assertThat(body).contains("<Message>Error parsing the X-Amz-Credential parameter; the region 'eu-west-3' is wrong; "
                + "expecting '" + expected + "'</Message>").contains("<Region>" + expected + "</Region>");
    }

    /**
     * Coffer issues no temporary credentials, so a session token (the SDK sends x-amz-security-token
     * for session credentials) is one it did not issue: refused as S3 refuses such a token, never
     * ignored; nothing is written.
     */
    @Test
    void requestWithASessionTokenIsInvalidToken() {
        try (S3Client session = S3Client.builder().endpointOverride(server.endpoint()).region(CofferServer.REGION)
                .forcePathStyle(true).credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsSessionCredentials.create(CofferServer.ACCESS_KEY,
                                CofferServer.SECRET_KEY, "a-token-coffer-never-issued")))
                .build()) {
            assertS3Error(400, "InvalidToken", () -> session.getObjectAsBytes(b -> b.bucket(bucket).key("private")));
            assertS3Error(400, "InvalidToken", () -> session.putObject(b -> b.bucket(bucket).key("with-token"),
                    RequestBody.fromString("x")));
        }
        assertS3Error(404, "NoSuchKey", () -> server.s3().getObjectAsBytes(b -> b.bucket(bucket).key("with-token")));
    }

    @Test
    void headWithWrongSecretReturns403() {
        try (S3Client wrong = server.newClient(CofferServer.ACCESS_KEY, "wrong-secret-key-wrong-secret-key-000000")) {
            assertS3Error(403, null, () -> wrong.headObject(b -> b.bucket(bucket).key("private")));
        }
    }

    @Test
    void anonymousGetOfObjectReturnsAccessDeniedXml() {
        HttpResponse<byte[]> response = server.raw().anonymous("GET", "/" + bucket + "/private");
        String xml = assertXmlError(response, 403, "AccessDenied");
        assertThat(xml).doesNotContain("private bytes");
    }

    @Test
    void anonymousListOfBucketReturnsAccessDeniedXml() {
        assertXmlError(server.raw().anonymous("GET", "/" + bucket), 403, "AccessDenied");
    }

    @Test
    void anonymousPutReturnsAccessDeniedAndStoresNothing() {
        HttpResponse<byte[]> response = server.raw().send(java.net.http.HttpRequest.newBuilder(
                server.raw().uri("/" + bucket + "/anon-put")).PUT(java.net.http.HttpRequest.BodyPublishers.ofString("x")).build());
        assertXmlError(response, 403, "AccessDenied");
        assertS3Error(404, null, () -> server.s3().headObject(b -> b.bucket(bucket).key("anon-put")));
    }

    @Test
    void signedRequestWithTamperedPayloadHashReturnsError() {
        // The body does not hash to the signed x-amz-content-sha256: S3 answers XAmzContentSHA256Mismatch.
        byte[] signedBody = TestData.utf8("what was signed");
        HttpResponse<byte[]> response = server.raw().signedWithBody("PUT", "/" + bucket + "/tampered", Map.of(),
                signedBody, TestData.utf8("what was sent!!"));
        assertXmlError(response, 400, "XAmzContentSHA256Mismatch");
        assertS3Error(404, null, () -> server.s3().headObject(b -> b.bucket(bucket).key("tampered")));
    }

    @Test
    void rawSignedRequestIsAccepted() {
        HttpResponse<byte[]> response = server.raw().signed("GET", "/" + bucket + "/private");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new String(response.body(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("private bytes");
    }
}

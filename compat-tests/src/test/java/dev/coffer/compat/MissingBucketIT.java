package dev.coffer.compat;

import static dev.coffer.compat.support.S3Assertions.assertS3Error;
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
import dev.coffer.compat.support.RawS3;
import dev.coffer.compat.support.Xml;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * A request on a bucket that does not exist answers 404 NoSuchBucket whoever sends it, as S3 does:
 * signed, presigned (even one that fails its check) or anonymous. Where the bucket exists, a request
 * that fails authentication is still refused (403); CreateBucket keeps its 403 for an anonymous caller.
 */
@ExtendWith(CofferServerExtension.class)
class MissingBucketIT {
    private static CofferServer server;
    private static RawS3 raw;
    private static String missing;

    @BeforeAll
    static void start(CofferServer cofferServer) {
        server = cofferServer;
        raw = server.raw();
        missing = server.uniqueBucketName("missing");
    }

    private static void assertNoSuchBucket(HttpResponse<byte[]> response) {
        String body = assertXmlError(response, 404, "NoSuchBucket");
        assertThat(Xml.text(body, "/Error/BucketName")).isEqualTo(missing);
    }

    @Test
    void anonymousRequestsOnAMissingBucketAreNoSuchBucket() {
        assertNoSuchBucket(raw.anonymous("GET", "/" + missing + "/key"));
        assertNoSuchBucket(raw.anonymous("GET", "/" + missing + "?list-type=2"));
        assertNoSuchBucket(raw.anonymous("PUT", "/" + missing + "/key"));
        assertNoSuchBucket(raw.anonymous("DELETE", "/" + missing));
        HttpResponse<byte[]> head = raw.anonymous("HEAD", "/" + missing);
        assertThat(head.statusCode()).isEqualTo(404);
    }

    @Test
    void signedRequestsOnAMissingBucketAreNoSuchBucketEvenWithAWrongSecret() {
        assertS3Error(404, "NoSuchBucket", () -> server.s3().getObject(b -> b.bucket(missing).key("key")));
        try (S3Client wrongSecret = server.newClient(CofferServer.ACCESS_KEY, "not-the-secret-key-of-this-access-key0")) {
            assertS3Error(404, "NoSuchBucket", () -> wrongSecret.getObject(b -> b.bucket(missing).key("key")));
            assertS3Error(404, "NoSuchBucket", () -> wrongSecret.putObject(b -> b.bucket(missing).key("key"),
                    RequestBody.fromString("x")));
            assertS3Error(404, null, () -> wrongSecret.headBucket(b -> b.bucket(missing)));
        }
    }

    @Test
    void presignedRequestsOnAMissingBucketAreNoSuchBucketEvenWhenTheyFailTheirCheck() throws Exception {
        URI valid = server.presigner().presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                .getObjectRequest(g -> g.bucket(missing).key("key"))).url().toURI();
        assertNoSuchBucket(raw.send(HttpRequest.newBuilder(valid).GET().build()));
        try (S3Presigner wrongSecret = server.newPresigner(CofferServer.ACCESS_KEY, "not-the-secret-key-of-this-access-key0")) {
            URI forged = wrongSecret.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(g -> g.bucket(missing).key("key"))).url().toURI();
            assertNoSuchBucket(raw.send(HttpRequest.newBuilder(forged).GET().build()));
        }
    }

    @Test
    void whereTheBucketExistsAFailedAuthenticationIsStillAccessDenied() {
        String bucket = server.createBucket("exists");
        assertXmlError(raw.anonymous("GET", "/" + bucket + "/key"), 403, "AccessDenied");
        try (S3Client wrongSecret = server.newClient(CofferServer.ACCESS_KEY, "not-the-secret-key-of-this-access-key0")) {
            assertS3Error(403, "SignatureDoesNotMatch", () -> wrongSecret.getObject(b -> b.bucket(bucket).key("key")));
        }
    }

    @Test
    void anonymousCreateBucketIsAccessDenied() {
        assertXmlError(raw.anonymous("PUT", "/" + missing), 403, "AccessDenied");
    }
}

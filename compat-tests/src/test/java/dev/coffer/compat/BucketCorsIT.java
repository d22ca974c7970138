package dev.coffer.compat;

import static dev.coffer.compat.support.S3Assertions.assertS3Error;
import static dev.coffer.compat.support.S3Assertions.assertXmlError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import dev.coffer.compat.support.Xml;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CORSRule;
import software.amazon.awssdk.services.s3.model.GetBucketCorsResponse;

/**
 * Bucket CORS through the AWS SDK v2 (Put/Get/DeleteBucketCors) and over raw HTTP, where the exact
 * Access-Control-* headers of a preflight and of actual requests (signed, presigned, anonymous,
 * failed) are asserted as S3 sends them.
 */
@ExtendWith(CofferServerExtension.class)
class BucketCorsIT {
    private static final String APP = "https://app.example";
    private static final String VARY = "Origin, Access-Control-Request-Headers, Access-Control-Request-Method";
    private static final String NOT_ALLOWED = "CORSResponse: This CORS request is not allowed. This is usually because "
            + "the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers "
            + "are not whitelisted by the resource's CORS spec.";

    private static CofferServer server;
    private static String bucket;

    @BeforeAll
    static void start(CofferServer cofferServer) {
        server = cofferServer;
        bucket = server.createBucket("cors");
        server.s3().putBucketCors(b -> b.bucket(bucket).corsConfiguration(c -> c.corsRules(
                CORSRule.builder().id("app").allowedOrigins(APP, "https://*.app.example").allowedMethods("GET", "PUT", "HEAD")
                        .allowedHeaders("x-amz-*", "Content-Type").exposeHeaders("ETag", "x-amz-version-id")
                        .maxAgeSeconds(3000).build(),
                CORSRule.builder().allowedOrigins("*").allowedMethods("GET").build())));
        server.s3().putObject(b -> b.bucket(bucket).key("doc.txt"), RequestBody.fromString("hello"));
    }

    private static HttpResponse<byte[]> options(String path, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.raw().uri(path))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody());
        headers.forEach(b::header);
        return server.raw().send(b.build());
    }

    private static HttpResponse<byte[]> get(URI uri, String origin) {
        return server.raw().send(HttpRequest.newBuilder(uri).header("Origin", origin).GET().build());
    }

    /** Every Access-Control-* header and Vary of a response, by lower-case name. */
    private static Map<String, String> cors(HttpResponse<?> response) {
        Map<String, String> out = new TreeMap<>();
        response.headers().map().forEach((name, values) -> {
            String lower = name.toLowerCase();
            if (lower.startsWith("access-control-") || lower.equals("vary")) out.put(lower, String.join(",", values));
        });
        return out;
    }

    @Test
    void theSdkPutsGetsAndDeletesAConfigurationAsGiven() {
        String b = server.createBucket("cors-sdk");
        assertS3Error(404, "NoSuchCORSConfiguration", () -> server.s3().getBucketCors(r -> r.bucket(b)));
        server.s3().putBucketCors(r -> r.bucket(b).corsConfiguration(c -> c.corsRules(
                CORSRule.builder().id("r1").allowedOrigins("http://test.com:80", "https://*.test.com", "")
                        .allowedMethods("GET", "PUT", "HEAD").allowedHeaders("x-AMZ-server-SIDE-encryption")
                        .exposeHeaders("x-amz-request-id").maxAgeSeconds(60).build(),
                CORSRule.builder().allowedOrigins("*").allowedMethods("DELETE").build())));
        GetBucketCorsResponse got = server.s3().getBucketCors(r -> r.bucket(b));
        assertThat(got.corsRules()).hasSize(2);
        CORSRule first = got.corsRules().get(0);
        assertThat(first.id()).isEqualTo("r1");
        assertThat(first.allowedOrigins()).containsExactly("http://test.com:80", "https://*.test.com", "");
        assertThat(first.allowedMethods()).containsExactly("GET", "PUT", "HEAD");
        assertThat(first.allowedHeaders()).containsExactly("x-AMZ-server-SIDE-encryption");
        assertThat(first.exposeHeaders()).containsExactly("x-amz-request-id");
        assertThat(first.maxAgeSeconds()).isEqualTo(60);
        assertThat(got.corsRules().get(1).allowedHeaders()).isEmpty();
        assertThat(got.corsRules().get(1).maxAgeSeconds()).isNull();

        assertThat(server.s3().deleteBucketCors(r -> r.bucket(b)).sdkHttpResponse().statusCode()).isEqualTo(204);
        assertS3Error(404, "NoSuchCORSConfiguration", () -> server.s3().getBucketCors(r -> r.bucket(b)));
        assertThat(server.s3().deleteBucketCors(r -> r.bucket(b)).sdkHttpResponse().statusCode())
                .as("deleting no configuration").isEqualTo(204);
    }

    @Test
    void theSdkIsRefusedAsS3RefusesBadRules() {
        String b = server.createBucket("cors-bad");
        var e = assertS3Error(400, "InvalidRequest", () -> server.s3().putBucketCors(r -> r.bucket(b).corsConfiguration(
                c -> c.corsRules(CORSRule.builder().allowedOrigins("*").allowedMethods("GET", "PATCH").build()))));
        assertThat(e.awsErrorDetails().errorMessage())
                .isEqualTo("Found unsupported HTTP method in CORS config. Unsupported method is PATCH");
        e = assertS3Error(400, "InvalidRequest", () -> server.s3().putBucketCors(r -> r.bucket(b).corsConfiguration(
                c -> c.corsRules(CORSRule.builder().allowedOrigins("*example*.com").allowedMethods("GET").build()))));
        assertThat(e.awsErrorDetails().errorMessage())
                .isEqualTo("AllowedOrigin \"*example*.com\" can not have more than one wildcard.");
        assertS3Error(400, "MalformedXML", () -> server.s3().putBucketCors(r -> r.bucket(b).corsConfiguration(
                c -> c.corsRules(CORSRule.builder().allowedMethods("GET").build()))));
        assertS3Error(404, "NoSuchCORSConfiguration", () -> server.s3().getBucketCors(r -> r.bucket(b)));
        assertS3Error(404, "NoSuchBucket", () -> server.s3().putBucketCors(r -> r.bucket("cors-no-such-bucket")
                .corsConfiguration(c -> c.corsRules(CORSRule.builder().allowedOrigins("*").allowedMethods("GET").build()))));
        assertS3Error(404, "NoSuchBucket", () -> server.s3().getBucketCors(r -> r.bucket("cors-no-such-bucket")));
    }

    @Test
    void aDeletedBucketTakesItsConfigurationWithIt() {
        String b = server.createBucket("cors-gone");
        server.s3().putBucketCors(r -> r.bucket(b).corsConfiguration(c -> c.corsRules(
                CORSRule.builder().allowedOrigins("*").allowedMethods("GET").build())));
        server.s3().deleteBucket(r -> r.bucket(b));
        server.s3().createBucket(r -> r.bucket(b));
        assertS3Error(404, "NoSuchCORSConfiguration", () -> server.s3().getBucketCors(r -> r.bucket(b)));
    }

    @Test
    void aMatchingPreflightIsAnsweredWithExactlyS3sHeaders() {
        HttpResponse<byte[]> response = options("/" + bucket + "/doc.txt", Map.of("Origin", APP,
                "Access-Control-Request-Method", "PUT",
                "Access-Control-Request-Headers", "content-type,x-amz-content-sha256,x-amz-date"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().firstValue("Content-Length")).hasValue("0");
        assertThat(cors(response)).containsExactlyEntriesOf(new TreeMap<>(Map.of(
                "access-control-allow-origin", APP,
                "access-control-allow-credentials", "true",
                "access-control-allow-methods", "GET, PUT, HEAD",
                "access-control-allow-headers", "content-type, x-amz-content-sha256, x-amz-date",
                "access-control-expose-headers", "ETag, x-amz-version-id",
                "access-control-max-age", "3000",
                "vary", VARY)));
        assertThat(response.headers().firstValue("x-amz-request-id")).isPresent();
    }

    @Test
    void aPreflightForEveryOriginIsAnsweredWithAStarAndNoCredentials() {
        HttpResponse<byte[]> response = options("/" + bucket, Map.of("Origin", "http://elsewhere.example:8080",
                "Access-Control-Request-Method", "GET"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(cors(response)).containsExactlyEntriesOf(new TreeMap<>(Map.of(
                "access-control-allow-origin", "*",
                "access-control-allow-methods", "GET",
                "vary", VARY)));
    }

    @Test
    void aPreflightNoRuleAllowsIsForbiddenWithoutCorsHeaders() {
        for (Map<String, String> asked : new Map[] {
            Map.of("Origin", "http://app.example", "Access-Control-Request-Method", "PUT"),
            Map.of("Origin", APP, "Access-Control-Request-Method", "DELETE"),
            Map.of("Origin", APP, "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "authorization")}) {
            HttpResponse<byte[]> response = options("/" + bucket + "/doc.txt", asked);
            String body = assertXmlError(response, 403, "AccessForbidden");
            assertThat(Xml.text(body, "/Error/Message")).isEqualTo(NOT_ALLOWED);
            assertThat(Xml.text(body, "/Error/Method")).isEqualTo(asked.get("Access-Control-Request-Method"));
            assertThat(Xml.text(body, "/Error/ResourceType")).isEqualTo("OBJECT");
            assertThat(cors(response)).as("%s", asked).isEmpty();
        }
    }

    @Test
    void aPreflightWithoutOriginOrConfigurationOrBucketIsRefusedAsS3RefusesIt() {
        String body = assertXmlError(options("/" + bucket + "/doc.txt", Map.of("Access-Control-Request-Method", "GET")),
                400, "BadRequest");
        assertThat(Xml.text(body, "/Error/Message")).isEqualTo("Insufficient information. Origin request header needed.");
        body = assertXmlError(options("/" + bucket + "/doc.txt", Map.of("Origin", APP, "Access-Control-Request-Method", "PATCH")),
                400, "BadRequest");
        assertThat(Xml.text(body, "/Error/Message")).isEqualTo("Invalid Access-Control-Request-Method: PATCH");
        String plain = server.createBucket("cors-none");
        body = assertXmlError(options("/" + plain + "/k", Map.of("Origin", APP, "Access-Control-Request-Method", "PUT")),
                403, "AccessForbidden");
        assertThat(Xml.text(body, "/Error/Message")).isEqualTo("CORSResponse: CORS is not enabled for this bucket.");
        assertThat(Xml.text(body, "/Error/Method")).isEqualTo("PUT");
        assertThat(Xml.text(body, "/Error/ResourceType")).isEqualTo("BUCKET");
        body = assertXmlError(options("/cors-no-such-bucket/k", Map.of("Origin", APP)), 403, "AccessForbidden");
        assertThat(Xml.text(body, "/Error/Message")).isEqualTo("CORSResponse: Bucket not found");
        assertThat(Xml.text(body, "/Error/Method")).isEqualTo("OPTIONS");
    }

    @Test
    void presignedAnonymousSignedAndFailedRequestsFromAnAllowedOriginCarryCors() {
        Map<String, String> expected = new TreeMap<>(Map.of(
                "access-control-allow-origin", APP,
                "access-control-allow-credentials", "true",
                "access-control-allow-methods", "GET, PUT, HEAD",
                "access-control-expose-headers", "ETag, x-amz-version-id",
                "access-control-max-age", "3000",
                "vary", VARY));
        URI presigned = server.raw().presigned("GET", "/" + bucket + "/doc.txt", Duration.ofMinutes(5));
        HttpResponse<byte[]> ok = get(presigned, APP);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(new String(ok.body(), StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(cors(ok)).as("presigned GET").containsExactlyEntriesOf(expected);

        HttpResponse<byte[]> signed = server.raw().signed("GET", "/" + bucket + "/doc.txt", Map.of("Origin", APP), new byte[0]);
        assertThat(signed.statusCode()).isEqualTo(200);
        assertThat(cors(signed)).as("signed GET").containsExactlyEntriesOf(expected);

        HttpResponse<byte[]> denied = get(server.raw().uri("/" + bucket + "/doc.txt"), APP);
        assertXmlError(denied, 403, "AccessDenied");
        assertThat(cors(denied)).as("anonymous GET, denied").containsExactlyEntriesOf(expected);

        HttpResponse<byte[]> missing = get(server.raw().presigned("GET", "/" + bucket + "/nothing", Duration.ofMinutes(5)), APP);
        assertXmlError(missing, 404, "NoSuchKey");
        assertThat(cors(missing)).as("presigned GET of no key").containsExactlyEntriesOf(expected);

        HttpResponse<byte[]> star = get(presigned, "http://elsewhere.example");
        assertThat(cors(star)).as("the rule for every origin").containsExactlyEntriesOf(new TreeMap<>(Map.of(
                "access-control-allow-origin", "*", "access-control-allow-methods", "GET", "vary", VARY)));
    }

    @Test
    void aRequestNoRuleAllowsIsServedWithoutCors() {
        URI presignedDelete = server.raw().presigned("DELETE", "/" + bucket + "/to-delete", Duration.ofMinutes(5));
        HttpResponse<byte[]> deleted = server.raw().send(HttpRequest.newBuilder(presignedDelete)
                .header("Origin", APP).DELETE().build());
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(cors(deleted)).isEmpty();
        URI presigned = server.raw().presigned("GET", "/" + bucket + "/doc.txt", Duration.ofMinutes(5));
        HttpResponse<byte[]> noOrigin = server.raw().send(HttpRequest.newBuilder(presigned).GET().build());
        assertThat(cors(noOrigin)).isEmpty();
    }

    @Test
    void theDrivesOwnGrantStillAnswersTheDrive() {
        String drive = server.driveUrl().toString();
        String driveOrigin = drive.substring(0, drive.length() - 1);
        HttpResponse<byte[]> preflight = options("/" + bucket + "/doc.txt", Map.of("Origin", driveOrigin,
                "Access-Control-Request-Method", "DELETE", "Access-Control-Request-Headers", "authorization,x-amz-date"));
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(driveOrigin);
        HttpResponse<byte[]> head = server.raw().send(HttpRequest.newBuilder(
                server.raw().presigned("HEAD", "/" + bucket + "/doc.txt", Duration.ofMinutes(5)))
                .header("Origin", driveOrigin).method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(head.headers().firstValue("Access-Control-Allow-Origin")).hasValue(driveOrigin);
        assertThat(head.headers().firstValue("Access-Control-Expose-Headers").orElseThrow()).containsIgnoringCase("etag");
    }
}

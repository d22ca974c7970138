package dev.coffer.compat;

import static dev.coffer.compat.support.S3Assertions.assertSameBytes;
import static dev.coffer.compat.support.S3Assertions.assertXmlError;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.coffer.compat.support.ChunkFiles;
import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import dev.coffer.compat.support.TestData;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * Browser POST uploads (HTML forms with a signed policy), sent as a browser sends them, checked
 * the way S3 answers them.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/RESTObjectPOST.html
 */
@ExtendWith(CofferServerExtension.class)
class PostObjectIT {
    private static CofferServer server;
    private static String bucket;

    @BeforeAll
    static void start(CofferServer cofferServer) {
        server = cofferServer;
        bucket = server.createBucket("post");
    }

    @Test
    void v4FormStoresTheFileUnderItsFilenameWithTypeAndMetadata() {
        byte[] file = TestData.randomBytes(5 * TestData.MIB, 31);
        HttpResponse<byte[]> response = Form.v4(server, bucket, "photos/${filename}", List.of(
                        "[\"starts-with\", \"$key\", \"photos/\"]", "[\"starts-with\", \"$Content-Type\", \"image/\"]",
                        "{\"x-amz-meta-owner\": \"ada\"}", "{\"success_action_status\": \"201\"}",
                        "[\"content-length-range\", 1, 10485760]"))
                .with("Content-Type", "image/jpeg").with("x-amz-meta-owner", "ada").with("success_action_status", "201")
                .post("holiday.jpg", file);
        assertThat(response.statusCode()).as(body(response)).isEqualTo(201);
        assertThat(body(response)).contains("<Bucket>" + bucket + "</Bucket>").contains("<Key>photos/holiday.jpg</Key>")
                .contains("<ETag>&quot;" + TestData.etagOf(file).replace("\"", "") + "&quot;</ETag>").contains("<Location>");
        assertThat(response.headers().firstValue("ETag")).hasValue(TestData.etagOf(file));
        HeadObjectResponse head = server.s3().headObject(b -> b.bucket(bucket).key("photos/holiday.jpg"));
        assertThat(head.contentType()).isEqualTo("image/jpeg");
        assertThat(head.metadata()).containsEntry("owner", "ada");
        assertSameBytes(server.s3().getObjectAsBytes(b -> b.bucket(bucket).key("photos/holiday.jpg")).asByteArray(), file,
                "5 MiB file posted by a form");
    }

    @Test
    void v2FormAnswers204ByDefault() {
        byte[] file = TestData.utf8("hello from a V2 form");
        HttpResponse<byte[]> response = Form.v2(server, bucket, "v2/hello.txt", List.of("{\"key\": \"v2/hello.txt\"}"))
                .post("hello.txt", file);
        assertThat(response.statusCode()).as(body(response)).isEqualTo(204);
        assertThat(response.headers().firstValue("ETag")).hasValue(TestData.etagOf(file));
        assertThat(server.s3().getObjectAsBytes(b -> b.bucket(bucket).key("v2/hello.txt")).asByteArray()).isEqualTo(file);
    }

    @Test
    void successActionStatus200AnswersAnEmptyOk() {
        HttpResponse<byte[]> response = Form.v4(server, bucket, "status200", List.of("{\"key\": \"status200\"}",
                        "{\"success_action_status\": \"200\"}"))
                .with("success_action_status", "200").post("x.bin", TestData.utf8("x"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void successActionRedirectAnswers303WithBucketKeyAndEtag() {
        byte[] file = TestData.utf8("redirected");
        HttpResponse<byte[]> response = Form.v4(server, bucket, "redirected.txt", List.of("{\"key\": \"redirected.txt\"}",
                        "[\"starts-with\", \"$success_action_redirect\", \"https://app.example/\"]"))
                .with("success_action_redirect", "https://app.example/done?x=1").post("r.txt", file);
        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.headers().firstValue("Location")).hasValue("https://app.example/done?x=1&bucket=" + bucket
                + "&key=redirected.txt&etag=" + TestData.etagOf(file).replace("\"", "%22"));
    }

    @Test
    void fieldsAfterTheFileAreIgnored() {
        HttpResponse<byte[]> response = Form.v4(server, bucket, "after-file", List.of("{\"key\": \"after-file\"}"))
                .trailing("x-amz-meta-late", "ignored").post("a.txt", TestData.utf8("a"));
        assertThat(response.statusCode()).as(body(response)).isEqualTo(204);
        assertThat(server.s3().headObject(b -> b.bucket(bucket).key("after-file")).metadata()).isEmpty();
    }

    @Test
    void fieldNotCoveredByThePolicyIsAccessDenied() {
        HttpResponse<byte[]> response = Form.v4(server, bucket, "extra", List.of("{\"key\": \"extra\"}"))
                .with("x-amz-meta-sneaky", "1").post("a.txt", TestData.utf8("a"));
        assertThat(assertXmlError(response, 403, "AccessDenied"))
                .contains("Invalid according to Policy: Extra input fields: x-amz-meta-sneaky");
        BadInputIT.assertNoObjectIn(server, bucket, "extra");
    }

    @Test
    void expiredPolicyIsAccessDenied() {
        Form form = Form.v4(server, bucket, "late", List.of("{\"key\": \"late\"}"));
        form.expiration = Instant.now().minusSeconds(60);
        assertThat(assertXmlError(form.post("a.txt", TestData.utf8("a")), 403, "AccessDenied")).contains("Policy expired");
    }

    @Test
    void wrongSecretIsSignatureDoesNotMatch() {
        Form form = Form.v4(server, bucket, "forged", List.of("{\"key\": \"forged\"}"));
        form.secret = "not-the-secret-not-the-secret-not-the-sec";
        assertXmlError(form.post("a.txt", TestData.utf8("a")), 403, "SignatureDoesNotMatch");
    }

    @Test
    void fileLargerThanTheRangeIsEntityTooLargeAndLeavesNoChunk() {
        ChunkFiles files = ChunkFiles.snapshot(server);
        HttpResponse<byte[]> response = Form.v4(server, bucket, "big", List.of("{\"key\": \"big\"}",
                "[\"content-length-range\", 0, 100000]")).post("big.bin", TestData.randomBytes(300_000, 3));
        assertThat(assertXmlError(response, 400, "EntityTooLarge")).contains("<MaxSizeAllowed>100000</MaxSizeAllowed>");
        BadInputIT.assertNoObjectIn(server, bucket, "big");
        files.assertNoNewFile("a POST past its content-length-range");
    }

    @Test
    void fileSmallerThanTheRangeIsEntityTooSmallAndLeavesNoChunk() {
        ChunkFiles files = ChunkFiles.snapshot(server);
        HttpResponse<byte[]> response = Form.v4(server, bucket, "small", List.of("{\"key\": \"small\"}",
                "[\"content-length-range\", 500000, 1000000]")).post("small.bin", TestData.randomBytes(100_000, 4));
        assertThat(assertXmlError(response, 400, "EntityTooSmall")).contains("<MinSizeAllowed>500000</MinSizeAllowed>");
        BadInputIT.assertNoObjectIn(server, bucket, "small");
        files.assertNoNewFile("a POST below its content-length-range");
    }

    @Test
    void formWithoutKeyIsInvalidArgument() {
        Form form = Form.v4(server, bucket, "unused", List.of());
        form.fields.remove("key");
        assertThat(assertXmlError(form.post("a.txt", TestData.utf8("a")), 400, "InvalidArgument"))
                .contains("field named 'key'");
    }

    @Test
    void formWithoutFileIsInvalidArgument() {
        Form form = Form.v4(server, bucket, "no-file", List.of("{\"key\": \"no-file\"}"));
        assertThat(assertXmlError(form.post(null, null), 400, "InvalidArgument")).contains("exactly one file");
    }

    @Test
    void formWithoutCredentialsIsAccessDenied() {
        HttpResponse<byte[]> response = server.raw().send(HttpRequest.newBuilder(server.endpoint().resolve("/" + bucket))
                .header("Content-Type", "multipart/form-data; boundary=b")
                .POST(HttpRequest.BodyPublishers.ofString("--b\r\nContent-Disposition: form-data; name=\"key\"\r\n\r\nk\r\n"
                        + "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f\"\r\n\r\nx\r\n--b--\r\n"))
                .build());
        assertXmlError(response, 403, "AccessDenied");
    }

    /**
     * A form without a policy is anonymous (POST Object, "policy": "Requests without a security
     * policy are considered anonymous and will succeed only on a publicly writable bucket").
     */
    @Test
    void formWithoutPolicyIsAnonymousAndStoresWhereAnyoneMayWrite() {
        String open = server.createBucket("post-anon");
        server.s3().putBucketPolicy(b -> b.bucket(open).policy("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*",
                 "Action":"s3:PutObject","Resource":"arn:aws:s3:::%s/drop/*"}]}""".formatted(open)));
        HttpResponse<byte[]> stored = anonymousForm(open, "drop/${filename}", "201", "note.txt", "hello");
        assertThat(stored.statusCode()).as(body(stored)).isEqualTo(201);
        assertThat(body(stored)).contains("<Key>drop/note.txt</Key>");
        assertThat(server.s3().getObjectAsBytes(b -> b.bucket(open).key("drop/note.txt")).asUtf8String()).isEqualTo("hello");
        assertXmlError(anonymousForm(open, "elsewhere/${filename}", "201", "note.txt", "hello"), 403, "AccessDenied");
    }

    private static HttpResponse<byte[]> anonymousForm(String bucket, String key, String status, String filename,
                                                      String content) {
        return server.raw().send(HttpRequest.newBuilder(server.endpoint().resolve("/" + bucket))
                .header("Content-Type", "multipart/form-data; boundary=b")
                .POST(HttpRequest.BodyPublishers.ofString("--b\r\nContent-Disposition: form-data; name=\"key\"\r\n\r\n"
                        + key + "\r\n--b\r\nContent-Disposition: form-data; name=\"success_action_status\"\r\n\r\n"
                        + status + "\r\n--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                        + "\"\r\n\r\n" + content + "\r\n--b--\r\n"))
                .build());
    }

    @Test
    void brokenMultipartBodyIsMalformedPostRequest() {
        HttpResponse<byte[]> response = server.raw().send(HttpRequest.newBuilder(server.endpoint().resolve("/" + bucket))
                .header("Content-Type", "multipart/form-data; boundary=b")
                .POST(HttpRequest.BodyPublishers.ofString("--b\r\nContent-Disposition: form-data; name=\"key\"\r\n\r\nk"))
                .build());
        assertXmlError(response, 400, "MalformedPOSTRequest");
    }

    private static String body(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    /** An HTML upload form with its signed policy, built as a web application builds it. */
    static final class Form {
        private static final DateTimeFormatter BASIC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .withZone(ZoneOffset.UTC);

        final Map<String, String> fields = new LinkedHashMap<>();
        final Map<String, String> trailing = new LinkedHashMap<>();
        final List<String> conditions = new ArrayList<>();
        final CofferServer server;
        final String bucket;
        final boolean v4;
        Instant expiration = Instant.now().plus(Duration.ofHours(1));
        String secret = CofferServer.SECRET_KEY;

        private Form(CofferServer server, String bucket, boolean v4, String key, List<String> conditions) {
            this.server = server;
            this.bucket = bucket;
            this.v4 = v4;
            fields.put("key", key);
            this.conditions.add("{\"bucket\": \"" + bucket + "\"}");
            this.conditions.addAll(conditions);
        }

        static Form v4(CofferServer server, String bucket, String key, List<String> conditions) {
            Form form = new Form(server, bucket, true, key, conditions);
            String now = BASIC.format(Instant.now());
            form.fields.put("x-amz-algorithm", "AWS4-HMAC-SHA256");
            form.fields.put("x-amz-credential", CofferServer.ACCESS_KEY + "/" + now.substring(0, 8) + "/"
                    + CofferServer.REGION.id() + "/s3/aws4_request");
            form.fields.put("x-amz-date", now);
            for (String name : List.of("x-amz-algorithm", "x-amz-credential", "x-amz-date")) {
                form.conditions.add("{\"" + name + "\": \"" + form.fields.get(name) + "\"}");
            }
            return form;
        }

        static Form v2(CofferServer server, String bucket, String key, List<String> conditions) {
            Form form = new Form(server, bucket, false, key, conditions);
            form.fields.put("AWSAccessKeyId", CofferServer.ACCESS_KEY);
            return form;
        }

        Form with(String name, String value) {
            fields.put(name, value);
            return this;
        }

        Form trailing(String name, String value) {
            trailing.put(name, value);
            return this;
        }

        /** Signs the policy and posts the form with the file last (no file part when filename is null). */
        HttpResponse<byte[]> post(String filename, byte[] file) {
            Encoded form = encode(filename, file);
            return server.raw().send(HttpRequest.newBuilder(server.endpoint().resolve("/" + bucket))
                    .header("Content-Type", form.contentType())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(form.body())).build());
        }

        /** The signed form as it goes on the wire: its Content-Type and its body, the file last. */
        Encoded encode(String filename, byte[] file) {
            String policy = Base64.getEncoder().encodeToString(TestData.utf8("{\"expiration\": \""
                    + expiration + "\", \"conditions\": [" + String.join(", ", conditions) + "]}"));
            Map<String, String> all = new LinkedHashMap<>(fields);
            all.put("Policy", policy);
            if (v4) {
                String date = fields.get("x-amz-date").substring(0, 8);
                byte[] key = hmac("HmacSHA256", TestData.utf8("AWS4" + secret), date);
                for (String part : List.of(CofferServer.REGION.id(), "s3", "aws4_request")) key = hmac("HmacSHA256", key, part);
                all.put("X-Amz-Signature", HexFormat.of().formatHex(hmac("HmacSHA256", key, policy)));
            } else {
                all.put("Signature", Base64.getEncoder().encodeToString(hmac("HmacSHA1", TestData.utf8(secret), policy)));
            }
            String boundary = "----CofferFormBoundary" + Long.toHexString(System.nanoTime());
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            all.forEach((name, value) -> field(body, boundary, name, value));
            if (filename != null) {
                write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
                body.writeBytes(file);
                write(body, "\r\n");
            }
            trailing.forEach((name, value) -> field(body, boundary, name, value));
            write(body, "--" + boundary + "--\r\n");
            return new Encoded("multipart/form-data; boundary=" + boundary, body.toByteArray());
        }

        record Encoded(String contentType, byte[] body) {}

        private static void field(ByteArrayOutputStream body, String boundary, String name, String value) {
            write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
        }

        private static void write(ByteArrayOutputStream out, String text) {
            out.writeBytes(TestData.utf8(text));
        }

        private static byte[] hmac(String algorithm, byte[] key, String data) {
            try {
                Mac mac = Mac.getInstance(algorithm);
                mac.init(new SecretKeySpec(key, algorithm));
                return mac.doFinal(TestData.utf8(data));
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}

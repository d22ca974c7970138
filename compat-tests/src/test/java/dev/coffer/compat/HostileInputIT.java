package dev.coffer.compat;

import static dev.coffer.compat.support.S3Assertions.assertXmlError;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import dev.coffer.compat.support.ErrorLogs;
import dev.coffer.compat.support.TestData;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Hostile input, sent raw where an SDK would refuse to send it: stored values that decode to
 * control characters, percent-escapes that are not UTF-8, names no bucket can have, broken
 * multipart forms. Each attack answers a clean 4xx (or, for stored values, reads back as S3 sends
 * such values: RFC 2047 encoded), never a 500 and never a stack trace in the log.
 */
@ExtendWith(CofferServerExtension.class)
class HostileInputIT {
    /** "text/html\r\nX: y": a header injection once decoded. */
    private static final String CRLF = "=?UTF-8?B?dGV4dC9odG1sDQpYOiB5?=";
    /** "a\0b". */
    private static final String NUL = "=?UTF-8?Q?a=00b?=";
    private static final List<String> STORED = List.of("Content-Type", "Content-Disposition", "Content-Encoding",
            "Content-Language", "Cache-Control", "Expires", "x-amz-meta-note");
    private static final byte[] BODY = TestData.utf8("stored with hostile headers");

    private static CofferServer server;
    private static String bucket;

    @BeforeAll
    static void start(CofferServer cofferServer) {
        server = cofferServer;
        bucket = server.createBucket("hostile");
    }

    @Test
    void encodedWordsThatDecodeToControlCharactersReadBackEncoded() {
        for (String word : List.of(CRLF, NUL)) {
            for (String header : STORED) {
                String key = "stored/" + header + "/" + word.hashCode();
                assertThat(server.raw().signed("PUT", path(key), Map.of(header, word), BODY).statusCode())
                        .as("PUT with %s: %s", header, word).isEqualTo(200);
                assertReadBack(key, header, word);
            }
        }
    }

    @Test
    void copyWithReplacedMetadataMultipartAndPostFormStoreTheSameWay() {
        server.s3().putObject(b -> b.bucket(bucket).key("copy/source"), RequestBody.fromBytes(BODY));
        assertThat(server.raw().signed("PUT", path("copy/replaced"), Map.of("x-amz-copy-source", "/" + bucket + "/copy/source",
                "x-amz-metadata-directive", "REPLACE", "Content-Type", CRLF, "x-amz-meta-note", NUL), new byte[0])
                .statusCode()).as("CopyObject REPLACE").isEqualTo(200);
        assertReadBack("copy/replaced", "Content-Type", CRLF);
        assertReadBack("copy/replaced", "x-amz-meta-note", NUL);

        String uploadId = server.s3().createMultipartUpload(b -> b.bucket(bucket).key("multipart/hostile")
                .contentType(CRLF).metadata(Map.of("note", NUL))).uploadId();
        String etag = server.s3().uploadPart(b -> b.bucket(bucket).key("multipart/hostile").uploadId(uploadId).partNumber(1),
                RequestBody.fromBytes(BODY)).eTag();
        server.s3().completeMultipartUpload(b -> b.bucket(bucket).key("multipart/hostile").uploadId(uploadId)
                .multipartUpload(m -> m.parts(p -> p.partNumber(1).eTag(etag))));
        assertReadBack("multipart/hostile", "Content-Type", CRLF);
        assertReadBack("multipart/hostile", "x-amz-meta-note", NUL);

        HttpResponse<byte[]> posted = PostObjectIT.Form.v4(server, bucket, "form/hostile", List.of("{\"key\": \"form/hostile\"}",
                        "[\"starts-with\", \"$Content-Type\", \"\"]", "[\"starts-with\", \"$x-amz-meta-note\", \"\"]"))
                .with("Content-Type", CRLF).with("x-amz-meta-note", NUL).post("hostile.txt", BODY);
        assertThat(posted.statusCode()).as(new String(posted.body(), StandardCharsets.UTF_8)).isEqualTo(204);
        assertReadBack("form/hostile", "Content-Type", CRLF);
        assertReadBack("form/hostile", "x-amz-meta-note", NUL);
    }

    @Test
    void responseHeaderOverrideWithCrLfIsSentEncoded() {
        server.s3().putObject(b -> b.bucket(bucket).key("override"), RequestBody.fromBytes(BODY));
        HttpResponse<byte[]> response = server.raw().signed("GET", path("override") + "?response-content-type=a%0D%0AX%3A%20y");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("=?UTF-8?B?YQ0KWDogeQ==?=");
        assertThat(response.headers().firstValue("X")).isEmpty();
    }

    @Test
    void keysThatAreNotUtf8AreInvalidUriAndNeverTheSameObject() {
        assertXmlError(server.raw().signed("PUT", path("k") + "%FF", Map.of(), BODY), 400, "InvalidURI");
        assertXmlError(server.raw().signed("PUT", path("k") + "%FE", Map.of(), BODY), 400, "InvalidURI");
        assertXmlError(server.raw().signed("GET", path("k") + "%FF"), 400, "InvalidURI");
        assertXmlError(server.raw().signed("GET", path("k") + "%C3%28"), 400, "InvalidURI");
        assertThat(server.s3().listObjectsV2(b -> b.bucket(bucket).prefix("k")).contents()).isEmpty();
    }

    @Test
    void listingParametersThatAreNotUtf8AreInvalidUri() {
        for (String query : List.of("prefix=%FF", "delimiter=%FF", "marker=%C3", "list-type=2&start-after=%FF",
                "list-type=2&prefix=a%FFb", "versions&key-marker=%FF", "uploads&key-marker=%FF", "prefix%FF=a")) {
            assertXmlError(server.raw().signed("GET", "/" + bucket + "?" + query), 400, "InvalidURI");
        }
    }

    @Test
    void copySourceThatIsNotUtf8OrNamesNoBucketIsRefused() {
        server.s3().putObject(b -> b.bucket(bucket).key("copy/plain"), RequestBody.fromBytes(BODY));
        assertThat(assertXmlError(server.raw().signed("PUT", path("copy/target"),
                Map.of("x-amz-copy-source", "/" + bucket + "/copy/plain%FF"), new byte[0]), 400, "InvalidArgument"))
                .contains("x-amz-copy-source");
        assertXmlError(server.raw().signed("PUT", path("copy/target"),
                Map.of("x-amz-copy-source", "/b%00x/copy/plain"), new byte[0]), 400, "InvalidBucketName");
        assertThat(server.s3().listObjectsV2(b -> b.bucket(bucket).prefix("copy/target")).contents()).isEmpty();
    }

    @Test
    void namesNoBucketCanHaveAreRefusedOnEveryOperationSignedOrNot() {
        try (ErrorLogs logs = ErrorLogs.capture()) {
            for (String name : List.of("b%00x", "%C3%A9t%C3%A9", "Upper", "a..b", "_coffer-ish", "x")) {
                for (String target : List.of("/" + name, "/" + name + "?versions", "/" + name + "?uploads",
                        "/" + name + "/key", "/" + name + "/key?uploadId=1")) {
                    for (String method : List.of("GET", "PUT", "DELETE", "POST")) {
                        String what = method + " " + target;
                        assertXmlError(server.raw().signed(method, target), 400, "InvalidBucketName");
                        assertThat(server.raw().anonymous(method, target).statusCode()).as(what).isEqualTo(400);
                    }
                    assertThat(server.raw().signed("HEAD", target).statusCode()).as("HEAD " + target).isEqualTo(400);
                }
                assertXmlError(form("/" + name, "multipart/form-data; boundary=xx", "--xx--\r\n"), 400, "InvalidBucketName");
            }
            assertXmlError(server.raw().anonymous("GET", "/%FF"), 400, "InvalidURI");
            logs.assertNoStackTrace("requests naming invalid buckets");
        }
    }

    @Test
    void malformedMultipartFormsAreMalformedPostRequest() {
        String field = "Content-Disposition: form-data; name=\"key\"\r\n\r\nabc";
        try (ErrorLogs logs = ErrorLogs.capture()) {
            assertXmlError(form("/" + bucket, "multipart/form-data; boundary=", "--\r\n"), 400, "MalformedPOSTRequest");
            assertXmlError(form("/" + bucket, "multipart/form-data", "--\r\n"), 400, "MalformedPOSTRequest");
            assertXmlError(form("/" + bucket, "multipart/form-data; boundary=xx", "--xx\r\n" + field), 400,
                    "MalformedPOSTRequest");
            assertXmlError(form("/" + bucket, "multipart/form-data; boundary=xx; charset=no-such-charset",
                    "--xx\r\n" + field + "\r\n--xx--\r\n"), 400, "MalformedPOSTRequest");
            assertXmlError(form("/" + bucket, "multipart/form-data; boundary=xx", "--xx\r\n"
                    + "Content-Disposition: form-data; name=\"key\"\r\nContent-Type: text/plain; charset=bogus\r\n\r\nabc"
                    + "\r\n--xx--\r\n"), 400, "MalformedPOSTRequest");
            assertXmlError(form("/" + bucket, "multipart/form-data; boundary=xx", "--xx\r\nContent-Disposition: form-data; "
                    + "name=\"file\"; filename=\"cut.txt\"\r\n\r\nthe file never ends"), 400, "MalformedPOSTRequest");
            assertXmlError(form("/" + bucket, "multipart/form-data; boundary=xx", "--xx\r\nContent-Disposition: form-data"
                    + "\r\n\r\na part without a name\r\n--xx--\r\n"), 400, "MalformedPOSTRequest");
            logs.assertNoStackTrace("malformed forms");
        }
        assertThat(server.s3().listObjectsV2(b -> b.bucket(bucket).prefix("abc")).contents()).isEmpty();
    }

    @Test
    void malformedXmlBodiesAreMalformedXmlLoggedWithoutAStackTrace() {
        try (ErrorLogs logs = ErrorLogs.capture()) {
            byte[] delete = TestData.utf8("<Delete><Object><Key>a</Key></Object");
            assertXmlError(server.raw().signed("POST", "/" + bucket + "?delete",
                    Map.of("Content-MD5", TestData.md5Base64(delete)), delete), 400, "MalformedXML");
            byte[] versioning = TestData.utf8("<VersioningConfiguration><Status>Enabled</Status>&bogus;");
            assertXmlError(server.raw().signed("PUT", "/" + bucket + "?versioning", Map.of(), versioning), 400,
                    "MalformedXML");
            logs.assertNoStackTrace("malformed XML bodies");
        }
    }

    /** GET and HEAD answer 200 with the value as one UTF-8 B-encoded word, whatever word it was sent as. */
    private static void assertReadBack(String key, String header, String word) {
        String expected = TestData.encodeRfc2047(TestData.decodeRfc2047(word));
        HttpResponse<byte[]> get = server.raw().signed("GET", path(key));
        assertThat(get.statusCode()).as("GET of an object stored with %s: %s", header, word).isEqualTo(200);
        assertThat(get.body()).isEqualTo(BODY);
        assertThat(get.headers().firstValue(header)).as(header).hasValue(expected);
        assertThat(get.headers().firstValue("X")).as("an injected header").isEmpty();
        HttpResponse<byte[]> head = server.raw().signed("HEAD", path(key));
        assertThat(head.statusCode()).as("HEAD").isEqualTo(200);
        assertThat(head.headers().firstValue(header)).as(header).hasValue(expected);
    }

    private static HttpResponse<byte[]> form(String target, String contentType, String body) {
        return server.raw().send(HttpRequest.newBuilder(server.raw().uri(target)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static String path(String key) {
        return "/" + bucket + "/" + key;
    }
}

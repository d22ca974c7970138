package dev.coffer.compat;

import static dev.coffer.compat.support.S3Assertions.assertHasRequestId;
import static dev.coffer.compat.support.S3Assertions.header;
import static dev.coffer.compat.support.S3Assertions.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import dev.coffer.compat.support.TestData;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/** PutObject, GetObject and HeadObject: bytes, ETag, system and user metadata. */
@ExtendWith(CofferServerExtension.class)
class PutGetObjectIT {

    private static CofferServer server;
    private static S3Client s3;
    private static String bucket;

    @BeforeAll
    static void start(CofferServer cofferServer) {
        server = cofferServer;
        s3 = server.s3();
        bucket = server.createBucket("putget");
    }

    @Test
    void putObjectReturnsQuotedMd5Etag() {
        byte[] bytes = TestData.utf8("hello, coffer");
        PutObjectResponse response = s3.putObject(b -> b.bucket(bucket).key("etag"), RequestBody.fromBytes(bytes));
        assertThat(status(response)).isEqualTo(200);
        assertThat(response.eTag()).isEqualTo(TestData.etagOf(bytes));
        assertHasRequestId(response);
    }

    @Test
    void getObjectReturnsTheBytesAndObjectHeaders() {
        byte[] bytes = TestData.randomBytes(1000, 1);
        s3.putObject(b -> b.bucket(bucket).key("get"), RequestBody.fromBytes(bytes));
        ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket(bucket).key("get"));
        GetObjectResponse response = got.response();
        assertThat(got.asByteArray()).isEqualTo(bytes);
        assertThat(status(response)).isEqualTo(200);
        assertThat(response.contentLength()).isEqualTo(1000L);
        assertThat(response.eTag()).isEqualTo(TestData.etagOf(bytes));
        assertThat(response.acceptRanges()).isEqualTo("bytes");
        assertThat(response.lastModified()).isBetween(Instant.now().minus(Duration.ofMinutes(5)),
                Instant.now().plus(Duration.ofMinutes(5)));
        assertThat(ZonedDateTime.parse(header(response, "Last-Modified"), DateTimeFormatter.RFC_1123_DATE_TIME))
                .as("Last-Modified is an RFC 1123 date").isNotNull();
        assertThat(header(response, "Last-Modified")).endsWith(" GMT");
        assertHasRequestId(response);
    }

    @Test
    void headObjectReturnsTheSameHeadersAsGetWithoutBody() {
        byte[] bytes = TestData.randomBytes(4321, 2);
        s3.putObject(b -> b.bucket(bucket).key("head").contentType("text/plain"), RequestBody.fromBytes(bytes));
        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key("head"));
        GetObjectResponse get = s3.getObjectAsBytes(b -> b.bucket(bucket).key("head")).response();
        assertThat(status(head)).isEqualTo(200);
        assertThat(head.contentLength()).isEqualTo(4321L);
        assertThat(head.eTag()).isEqualTo(get.eTag()).isEqualTo(TestData.etagOf(bytes));
        assertThat(head.lastModified()).isEqualTo(get.lastModified());
        assertThat(head.contentType()).isEqualTo("text/plain");
        assertThat(head.acceptRanges()).isEqualTo("bytes");
        assertHasRequestId(head);
    }

    @Test
    void putObjectStoresStandardHeadersAndReturnsThemOnGetAndHead() {
        Instant expires = Instant.parse("2031-02-03T04:05:06Z");
        s3.putObject(b -> b.bucket(bucket).key("headers")
                .contentType("text/html; charset=utf-8")
                .contentEncoding("gzip")
                .contentDisposition("attachment; filename=\"report.html\"")
                .contentLanguage("de-CH")
                .cacheControl("max-age=3600, must-revalidate")
                .expires(expires), RequestBody.fromString("<p>hi</p>"));
        GetObjectResponse get = s3.getObjectAsBytes(b -> b.bucket(bucket).key("headers")).response();
        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key("headers"));
        for (SdkResponse r : List.<SdkResponse>of(get, head)) {
            assertThat(header(r, "Content-Type")).isEqualTo("text/html; charset=utf-8");
            // The SDK's default upload is aws-chunked; S3 stores only the caller's own encoding.
            assertThat(header(r, "Content-Encoding")).isEqualTo("gzip");
            assertThat(header(r, "Content-Disposition")).isEqualTo("attachment; filename=\"report.html\"");
            assertThat(header(r, "Content-Language")).isEqualTo("de-CH");
            assertThat(header(r, "Cache-Control")).isEqualTo("max-age=3600, must-revalidate");
            assertThat(header(r, "Expires")).isEqualTo("Mon, 03 Feb 2031 04:05:06 GMT");
        }
    }

    @Test
    void userMetadataNamesComeBackLowercase() {
        s3.putObject(b -> b.bucket(bucket).key("meta")
                .metadata(Map.of("Project-Name", "Coffer", "lower", "value with  spaces", "UPPER", "X")),
                RequestBody.fromString("m"));
        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key("meta"));
        assertThat(head.metadata()).containsExactlyInAnyOrderEntriesOf(
                Map.of("project-name", "Coffer", "lower", "value with  spaces", "upper", "X"));
        assertThat(header(head, "x-amz-meta-project-name")).isEqualTo("Coffer");
        GetObjectResponse get = s3.getObjectAsBytes(b -> b.bucket(bucket).key("meta")).response();
        assertThat(get.metadata()).isEqualTo(head.metadata());
    }

    @Test
    void nonAsciiUserMetadataComesBackRfc2047Encoded() {
        // S3 decodes RFC 2047 encoded words on the way in and encodes non-ASCII values on the way out.
        String value = "Grüße aus Zürich – 😀";
        s3.putObject(b -> b.bucket(bucket).key("meta-utf8").metadata(Map.of("greeting", TestData.encodeRfc2047(value))),
                RequestBody.fromString("m"));
        String returned = s3.headObject(b -> b.bucket(bucket).key("meta-utf8")).metadata().get("greeting");
        assertThat(returned).as("a mail-safe, ASCII-only header value").matches("\\p{ASCII}*").startsWith("=?UTF-8?");
        assertThat(TestData.decodeRfc2047(returned)).isEqualTo(value);
    }

    @Test
    void putObjectWithoutContentTypeIsServedAsBinaryOctetStream() {
        HttpResponse<byte[]> put = server.raw().signed("PUT", "/" + bucket + "/no-type", Map.of(), TestData.utf8("x"));
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(s3.headObject(b -> b.bucket(bucket).key("no-type")).contentType()).isEqualTo("binary/octet-stream");
    }

    @Test
    void emptyObjectRoundTrips() {
        PutObjectResponse put = s3.putObject(b -> b.bucket(bucket).key("empty"), RequestBody.empty());
        assertThat(put.eTag()).isEqualTo("\"d41d8cd98f00b204e9800998ecf8427e\"");
        ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket(bucket).key("empty"));
        assertThat(got.asByteArray()).isEmpty();
        assertThat(got.response().contentLength()).isZero();
        assertThat(s3.headObject(b -> b.bucket(bucket).key("empty")).contentLength()).isZero();
    }

    @Test
    void overwritingAKeyServesTheNewBytes() {
        s3.putObject(b -> b.bucket(bucket).key("overwrite"), RequestBody.fromString("first version"));
        PutObjectResponse second = s3.putObject(b -> b.bucket(bucket).key("overwrite"), RequestBody.fromString("second"));
        ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket(bucket).key("overwrite"));
        assertThat(got.asUtf8String()).isEqualTo("second");
        assertThat(got.response().eTag()).isEqualTo(second.eTag());
    }

    @Test
    void keysWithSpecialCharactersRoundTrip() {
        List<String> keys = List.of("a b", "a+b", "a%2Fb", "a?b=c&d", "a#b", "semi;colon", "quote'\"", "back\\slash",
                "dir/sub dir/file.txt", "a//b", "trailing/", "../dots", "ümlaut/日本語/😀", "~tilde*star!(paren)",
                "[brackets]{braces}", "caret^pipe|", "%", "tab\tkey", "line\nbreak");
        for (String key : keys) {
            assertThatCode(() -> {
                s3.putObject(b -> b.bucket(bucket).key("special/" + key), RequestBody.fromString(key));
                assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("special/" + key)).asUtf8String()).isEqualTo(key);
            }).as("PUT and GET of key %s", key.replace("\n", "\\n").replace("\t", "\\t")).doesNotThrowAnyException();
        }
        assertThat(ListObjectsV2IT.keys(s3.listObjectsV2(b -> b.bucket(bucket).prefix("special/"))))
                .containsExactlyInAnyOrderElementsOf(keys.stream().map(k -> "special/" + k).toList());
    }

    @Test
    void keyOf1024Utf8BytesIsAccepted() {
        String key = "é".repeat(512); // 1024 bytes in UTF-8, 512 characters
        assertThat(TestData.utf8(key)).hasSize(1024);
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString("long"));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String()).isEqualTo("long");
    }
}

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
import dev.coffer.compat.support.HandSigner;
import dev.coffer.compat.support.TestData;
import dev.coffer.compat.support.Xml;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Issue 13: the query string is decoded the same way for the signature check and for routing. A
 * request signed with {@code prefix=a%2Bb} and sent with {@code prefix=a+b} used to pass the check
 * and list "a b". Requests are signed by hand over one URL and sent to another, as a client (or
 * someone in between) may do; '+' in a query is a space for both, in a path a plus for both.
 */
@ExtendWith(CofferServerExtension.class)
class QueryDecodingIT {
    private static final List<String> KEYS = List.of("a b/1", "a+b/1", "a%2Bb/1", "a%20b/1");

    private static CofferServer server;
    private static String bucket;

    @BeforeAll
    static void start(CofferServer cofferServer) {
        server = cofferServer;
        bucket = server.createBucket("plus");
        for (String key : KEYS) {
            server.s3().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(TestData.utf8("bytes of " + key)));
        }
    }

    /** Signs {@code signedPathAndQuery} and sends the request to {@code sentPathAndQuery}. */
    private static HttpResponse<byte[]> signedAs(String method, String signedPathAndQuery, String sentPathAndQuery,
            Map<String, String> headers) {
        Map<String, String> signed = HandSigner.header(method, server.endpoint().resolve(signedPathAndQuery), headers,
                TestData.sha256Hex(new byte[0]));
        HttpRequest.Builder request = HttpRequest.newBuilder(server.endpoint().resolve(sentPathAndQuery))
                .method(method, HttpRequest.BodyPublishers.noBody());
        signed.forEach((name, value) -> {
            if (!name.equals("host")) request.header(name, value);
        });
        return server.raw().send(request.build());
    }

    private static List<String> listed(HttpResponse<byte[]> response) {
        String xml = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(response.statusCode()).as(xml).isEqualTo(200);
        return Xml.texts(xml, "/ListBucketResult/Contents/Key");
    }

    private static String list(String prefix) {
        return "/" + bucket + "?list-type=2&prefix=" + prefix;
    }

    @Test
    void prefixSignedAsAPlusAndSentAsAPlusSignIsRefused() {
        assertXmlError(signedAs("GET", list("a%2Bb"), list("a+b"), Map.of()), 403, "SignatureDoesNotMatch");
    }

    @Test
    void prefixWithPlusIsASpaceForSignatureAndListingAlike() {
        // The AWS SDK for Java v1 sends a space as '+' and signs it as %20.
        assertThat(listed(signedAs("GET", list("a%20b"), list("a+b"), Map.of()))).containsExactly("a b/1");
        assertThat(listed(signedAs("GET", list("a%20b"), list("a%20b"), Map.of()))).containsExactly("a b/1");
        assertThat(listed(signedAs("GET", list("a%2Bb"), list("a%2Bb"), Map.of()))).containsExactly("a+b/1");
        assertThat(listed(signedAs("GET", list("a%252Bb"), list("a%252Bb"), Map.of()))).containsExactly("a%2Bb/1");
    }

    @Test
    void keysWithPlusPercentAndSpaceAreServedAsSigned() {
        assertGet("/a%2Bb/1", "/a+b/1", "a+b/1");
        assertGet("/a%2Bb/1", "/a%2Bb/1", "a+b/1");
        assertGet("/a%20b/1", "/a%20b/1", "a b/1");
        assertGet("/a%252Bb/1", "/a%252Bb/1", "a%2Bb/1");
        // In a path '+' is a plus for both: signed as a space, sent as '+', it does not match.
        assertXmlError(signedAs("GET", "/" + bucket + "/a%20b/1", "/" + bucket + "/a+b/1", Map.of()), 403,
                "SignatureDoesNotMatch");
    }

    private static void assertGet(String signedKeyPath, String sentKeyPath, String key) {
        HttpResponse<byte[]> response = signedAs("GET", "/" + bucket + signedKeyPath, "/" + bucket + sentKeyPath, Map.of());
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("bytes of " + key);
    }

    @Test
    void copySourcesWithPlusPercentAndSpaceCopyTheKeyTheyName() {
        Map<String, String> sources = Map.of("/a%2Bb/1", "a+b/1", "/a+b/1", "a+b/1", "/a%20b/1", "a b/1",
                "/a%252Bb/1", "a%2Bb/1", "/a%2520b/1", "a%20b/1");
        int n = 0;
        for (Map.Entry<String, String> source : sources.entrySet()) {
            String target = "/" + bucket + "/copy-" + n++;
            HttpResponse<byte[]> response = server.raw().signed("PUT", target,
                    Map.of("x-amz-copy-source", "/" + bucket + source.getKey()), new byte[0]);
            assertThat(response.statusCode()).as(source.getKey() + ": " + new String(response.body())).isEqualTo(200);
            String key = target.substring(bucket.length() + 2);
            assertThat(server.s3().getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String())
                    .as("copy of %s", source.getKey()).isEqualTo("bytes of " + source.getValue());
        }
    }
}

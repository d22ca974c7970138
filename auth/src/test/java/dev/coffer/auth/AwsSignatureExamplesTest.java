package dev.coffer.auth;

import static dev.coffer.auth.Requests.EMPTY_SHA256;
import static dev.coffer.auth.Requests.EXAMPLE_TIME;
import static dev.coffer.auth.Requests.authenticator;
import static dev.coffer.auth.Requests.authorization;
import static dev.coffer.auth.Requests.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The worked examples of AWS's "Signature Calculations for the Authorization Header" and "Query
 * String Authentication" pages (examplebucket, 20130524T000000Z, AKIAIOSFODNN7EXAMPLE).
 */
class AwsSignatureExamplesTest {
    private static final String HOST = "examplebucket.s3.amazonaws.com";

    @Test
    void getObjectWithRangeExampleVerifies() throws AuthException {
        SignedRequest r = request("GET", "/test.txt", "",
                "Host", HOST, "Range", "bytes=0-9", "x-amz-content-sha256", EMPTY_SHA256,
                "x-amz-date", "20130524T000000Z",
                "Authorization", authorization("host;range;x-amz-content-sha256;x-amz-date",
                        "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"));
        AuthResult result = authenticator(EXAMPLE_TIME).authenticate(r);
        assertEquals(Requests.AKID, result.accessKeyId());
        assertEquals(new PayloadMode.Sha256(EMPTY_SHA256), result.payload());
    }

    @Test
    void putObjectExampleVerifiesAndPayloadDigestMatches() throws AuthException {
        String hash = "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072";
        SignedRequest r = putObjectExample("/test%24file.text", hash);
        AuthResult result = authenticator(EXAMPLE_TIME).authenticate(r);
        PayloadDigest digest = new PayloadDigest(((PayloadMode.Sha256) result.payload()).hex());
        digest.update(ByteBuffer.wrap("Welcome to Amazon S3.".getBytes(StandardCharsets.UTF_8)));
        digest.verify();
    }

    @Test
    void putObjectExampleVerifiesWhenClientLeavesDollarUnencoded() throws AuthException {
        SignedRequest r = putObjectExample("/test$file.text",
                "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072");
        authenticator(EXAMPLE_TIME).authenticate(r);
    }

    @Test
    void putObjectExampleVerifiesWithLowerCaseEscape() throws AuthException {
        SignedRequest r = putObjectExample("/test%24file%2etext",
                "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072");
        authenticator(EXAMPLE_TIME).authenticate(r);
    }

    @Test
    void getBucketLifecycleExampleVerifies() throws AuthException {
        SignedRequest r = request("GET", "/", "lifecycle",
                "Host", HOST, "x-amz-date", "20130524T000000Z", "x-amz-content-sha256", EMPTY_SHA256,
                "Authorization", authorization("host;x-amz-content-sha256;x-amz-date",
                        "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543"));
        authenticator(EXAMPLE_TIME).authenticate(r);
    }

    @Test
    void listObjectsExampleVerifiesWhateverTheParameterOrder() throws AuthException {
        for (String query : new String[] {"max-keys=2&prefix=J", "prefix=J&max-keys=2"}) {
            SignedRequest r = request("GET", "/", query,
                    "Host", HOST, "x-amz-date", "20130524T000000Z", "x-amz-content-sha256", EMPTY_SHA256,
                    "Authorization", authorization("host;x-amz-content-sha256;x-amz-date",
                            "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7"));
            authenticator(EXAMPLE_TIME).authenticate(r);
        }
    }

    @Test
    void presignedUrlExampleVerifiesWithUnsignedPayload() throws AuthException {
        AuthResult result = authenticator(EXAMPLE_TIME.plusSeconds(86_400)).authenticate(presignedExample());
        assertInstanceOf(PayloadMode.Unsigned.class, result.payload());
    }

    static SignedRequest presignedExample() {
        return request("GET", "/test.txt", "X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
                + "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
                + "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404",
                "Host", HOST);
    }

    private static SignedRequest putObjectExample(String rawPath, String hash) {
        return request("PUT", rawPath, "",
                "Host", HOST, "Date", "Fri, 24 May 2013 00:00:00 GMT", "x-amz-date", "20130524T000000Z",
                "x-amz-storage-class", "REDUCED_REDUNDANCY", "x-amz-content-sha256", hash,
                "Authorization", authorization("date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class",
                        "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd"));
    }
}

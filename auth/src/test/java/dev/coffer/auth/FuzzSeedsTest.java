package dev.coffer.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The seed corpora of the signature fuzz tests start from requests that really verify: these seeds
 * authenticate as AWS's example key (the others are refusals on purpose: zero signatures, no
 * credentials, a date outside the clock skew).
 */
class FuzzSeedsTest {
    @ParameterizedTest
    @ValueSource(strings = {"get-object-range", "put-object", "get-bucket-lifecycle", "list-objects", "presigned-get",
        "streaming-put", "streaming-put-trailer"})
    void sigV4SeedVerifies(String seed) throws Exception {
        assertVerifies("SigV4FuzzTestInputs/signedRequest/" + seed, Requests.EXAMPLE_TIME);
    }

    @ParameterizedTest
    @ValueSource(strings = {"object-get", "list", "fetch-acl", "presigned-get"})
    void sigV2SeedVerifies(String seed) throws Exception {
        assertVerifies("SigV2FuzzTestInputs/signedRequest/" + seed, Instant.parse("2007-03-27T19:40:00Z"));
    }

    private static void assertVerifies(String resource, Instant now) throws IOException, AuthException {
        try (InputStream in = FuzzSeedsTest.class.getResourceAsStream(resource)) {
            SignedRequest request = FuzzRequests.parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            String host = request.header("host");
            String bucket = host.endsWith(".s3.amazonaws.com") ? host.substring(0, host.indexOf('.')) : null;
            assertEquals(Requests.AKID, FuzzRequests.authenticatorAt(now).authenticate(request, bucket).accessKeyId());
        }
    }
}

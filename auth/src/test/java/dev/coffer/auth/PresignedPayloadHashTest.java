package dev.coffer.auth;

import static dev.coffer.auth.Requests.EXAMPLE_TIME;
import static dev.coffer.auth.Requests.authenticator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Hex;
import org.junit.jupiter.api.Test;

/**
 * A presigned URL that carries X-Amz-Content-Sha256 pins the body's hash. (The SDK's presigner
 * always uses UNSIGNED-PAYLOAD, so this request is signed here, by hand, from the SigV4 recipe.)
 */
class PresignedPayloadHashTest {
    private static final String HASH = "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072";
    private static final String QUERY = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Content-Sha256=" + HASH
            + "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
            + "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host";

    private static String signature() throws Exception {
        String canonical = "PUT\n/b/k\n" + QUERY + "\nhost:h\n\nhost\n" + HASH;
        String stringToSign = "AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n"
                + ChunkedBodies.sha256Hex(canonical.getBytes(StandardCharsets.UTF_8));
        byte[] key = hmac(("AWS4" + Requests.SECRET).getBytes(StandardCharsets.UTF_8), "20130524");
        for (String part : new String[] {"us-east-1", "s3", "aws4_request"}) key = hmac(key, part);
        return Hex.encodeHexString(hmac(key, stringToSign));
    }

    private static byte[] hmac(byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void contentSha256InTheQueryPinsTheHash() throws Exception {
        SignedRequest r = Requests.request("PUT", "/b/k", QUERY + "&X-Amz-Signature=" + signature(), "host", "h");
        assertEquals(new PayloadMode.Sha256(HASH), authenticator(EXAMPLE_TIME).authenticate(r).payload());
    }

    @Test
    void changedContentSha256InTheQueryIsSignatureDoesNotMatch() throws Exception {
        String query = QUERY.replace(HASH, Requests.EMPTY_SHA256) + "&X-Amz-Signature=" + signature();
        SignedRequest r = Requests.request("PUT", "/b/k", query, "host", "h");
        AuthException e = assertThrows(AuthException.class, () -> authenticator(EXAMPLE_TIME).authenticate(r));
        assertEquals(AuthError.SIGNATURE_DOES_NOT_MATCH, e.error());
    }
}

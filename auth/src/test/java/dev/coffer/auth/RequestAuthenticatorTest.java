package dev.coffer.auth;

import static dev.coffer.auth.Requests.AKID;
import static dev.coffer.auth.Requests.EMPTY_SHA256;
import static dev.coffer.auth.Requests.EXAMPLE_TIME;
import static dev.coffer.auth.Requests.authorization;
import static dev.coffer.auth.Requests.facade;
import static dev.coffer.auth.Requests.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The facade sends each request to the signature version it uses, with AWS's examples of each. */
class RequestAuthenticatorTest {
    private static final Instant V2_TIME = Instant.parse("2007-03-27T19:36:42Z");
    private static final String V2_DATE = "Tue, 27 Mar 2007 19:36:42 +0000";

    private static SignedRequest v4Header() {
        return request("GET", "/test.txt", "", "Host", "examplebucket.s3.amazonaws.com", "Range", "bytes=0-9",
                "x-amz-content-sha256", EMPTY_SHA256, "x-amz-date", "20130524T000000Z",
                "Authorization", authorization("host;range;x-amz-content-sha256;x-amz-date",
                        "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"));
    }

    private static SignedRequest v2Header(String authorization) {
        return request("GET", "/photos/puppy.jpg", "", "Host", "johnsmith.s3.amazonaws.com",
                "Date", V2_DATE, "Authorization", authorization);
    }

    private static AuthError errorOf(SignedRequest r, String bucket, Instant now) {
        return assertThrows(AuthException.class, () -> facade(now).authenticate(r, bucket)).error();
    }

    @Test
    void sigV4HeaderGoesToSigV4() throws AuthException {
        AuthResult result = facade(EXAMPLE_TIME).authenticate(v4Header(), "examplebucket");
        assertEquals(new AuthResult(AKID, new PayloadMode.Sha256(EMPTY_SHA256)), result);
    }

    @Test
    void sigV4PresignedUrlGoesToSigV4() throws AuthException {
        AuthResult result = facade(EXAMPLE_TIME).authenticate(AwsSignatureExamplesTest.presignedExample());
        assertEquals(new AuthResult(AKID, new PayloadMode.Unsigned()), result);
    }

    @Test
    void sigV2HeaderGoesToSigV2WithTheVirtualHostBucket() throws AuthException {
        AuthResult result = facade(V2_TIME).authenticate(
                v2Header("AWS AKIAIOSFODNN7EXAMPLE:bWq2s1WEIj+Ydj0vQ697zp+IXMU="), "johnsmith");
        assertEquals(new AuthResult(AKID, new PayloadMode.Unsigned()), result);
    }

    @Test
    void sigV2PresignedUrlGoesToSigV2() throws AuthException {
        SignedRequest r = request("GET", "/johnsmith/photos/puppy.jpg",
                "AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Signature=NpgCjnDzrM%2BWFzoENXmpNDUsSn8%3D&Expires=1175139620",
                "Host", "s3.amazonaws.com");
        AuthResult result = facade(Instant.ofEpochSecond(1175139000)).authenticate(r);
        assertEquals(new AuthResult(AKID, new PayloadMode.Unsigned()), result);
    }

    @Test
    void anonymousRequestIsAccessDenied() {
        assertEquals(AuthError.ACCESS_DENIED, errorOf(request("GET", "/b/k", "", "Host", "h"), null, V2_TIME));
    }

    @Test
    void sigV2HeaderWithSigV4PresignedQueryIsInvalidArgument() {
        SignedRequest r = Requests.withQuery(v2Header("AWS AKIAIOSFODNN7EXAMPLE:bWq2s1WEIj+Ydj0vQ697zp+IXMU="),
                "X-Amz-Algorithm=AWS4-HMAC-SHA256");
        assertEquals(AuthError.INVALID_ARGUMENT, errorOf(r, "johnsmith", V2_TIME));
    }

    @Test
    void sigV4PresignedQueryWithSigV2QueryIsInvalidArgument() {
        SignedRequest r = Requests.withQuery(AwsSignatureExamplesTest.presignedExample(),
                AwsSignatureExamplesTest.presignedExample().rawQuery() + "&Signature=abc");
        assertEquals(AuthError.INVALID_ARGUMENT, errorOf(r, null, EXAMPLE_TIME));
    }

    @Test
    void unknownAuthorizationSchemeKeepsSigV4Answer() {
        assertEquals(AuthError.INVALID_REQUEST, errorOf(v2Header("Bearer abc"), null, V2_TIME));
    }

    @Test
    void sigV2WrongSecretIsSignatureDoesNotMatchThroughTheFacade() {
        assertEquals(AuthError.SIGNATURE_DOES_NOT_MATCH,
                errorOf(v2Header("AWS AKIAIOSFODNN7EXAMPLE:AAAAs1WEIj+Ydj0vQ697zp+IXMU="), "johnsmith", V2_TIME));
    }

    /** Coffer issues no session tokens: a request carrying one, in any mechanism, is refused before its signature is read. */
    @Test
    void aSessionTokenIsRefusedInEveryMechanism() {
        assertEquals(AuthError.INVALID_TOKEN, errorOf(Requests.withHeader(v4Header(), "x-amz-security-token", "t"),
                "examplebucket", EXAMPLE_TIME));
        assertEquals(AuthError.INVALID_TOKEN, errorOf(Requests.withHeader(
                v2Header("AWS AKIAIOSFODNN7EXAMPLE:bWq2s1WEIj+Ydj0vQ697zp+IXMU="), "x-amz-security-token", "t"),
                "johnsmith", V2_TIME));
        SignedRequest presigned = AwsSignatureExamplesTest.presignedExample();
        SignedRequest withToken = new SignedRequest(presigned.method(), presigned.rawPath(),
                presigned.rawQuery() + "&X-Amz-Security-Token=t", presigned.headers());
        assertEquals(AuthError.INVALID_TOKEN, errorOf(withToken, null, EXAMPLE_TIME));
    }
}

package dev.coffer.auth;

import static dev.coffer.auth.Requests.request;
import static dev.coffer.auth.Requests.sigV2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each way a SigV2 request fails, and the S3 error it gets. */
class SigV2ErrorsTest {
    private static final String DATE = "Tue, 27 Mar 2007 19:36:42 +0000";
    private static final Instant NOW = Instant.parse("2007-03-27T19:36:42Z");
    private static final String GOOD = "AWS AKIAIOSFODNN7EXAMPLE:bWq2s1WEIj+Ydj0vQ697zp+IXMU=";

    private static SignedRequest get(String authorization) {
        return request("GET", "/photos/puppy.jpg", "", "Host", "johnsmith.s3.amazonaws.com",
                "Date", DATE, "Authorization", authorization);
    }

    private static SignedRequest presigned(String query) {
        return request("GET", "/photos/puppy.jpg", query, "Host", "johnsmith.s3.amazonaws.com");
    }

    private static AuthException failure(SigV2Authenticator authenticator, SignedRequest r) {
        return assertThrows(AuthException.class, () -> authenticator.authenticate(r, "johnsmith"));
    }

    private static AuthException failure(SignedRequest r, Instant now) {
        return failure(sigV2(now), r);
    }

    @Test
    void wrongSecretIsSignatureDoesNotMatch() {
        AuthException e = failure(sigV2(NOW, Requests.AKID, "not-the-secret"), get(GOOD));
        assertEquals(AuthError.SIGNATURE_DOES_NOT_MATCH, e.error());
    }

    @Test
    void unknownAccessKeyIsInvalidAccessKeyId() {
        AuthException e = failure(get(GOOD.replace("AKIAIOSFODNN7EXAMPLE", "AKIDUNKNOWN")), NOW);
        assertEquals(AuthError.INVALID_ACCESS_KEY_ID, e.error());
    }

    @Test
    void tamperedPathIsSignatureDoesNotMatch() {
        SignedRequest r = request("GET", "/photos/kitten.jpg", "", "Host", "johnsmith.s3.amazonaws.com",
                "Date", DATE, "Authorization", GOOD);
        assertEquals(AuthError.SIGNATURE_DOES_NOT_MATCH, failure(r, NOW).error());
    }

    @Test
    void addedSubResourceIsSignatureDoesNotMatch() {
        SignedRequest r = request("GET", "/photos/puppy.jpg", "acl", "Host", "johnsmith.s3.amazonaws.com",
                "Date", DATE, "Authorization", GOOD);
        assertEquals(AuthError.SIGNATURE_DOES_NOT_MATCH, failure(r, NOW).error());
    }

    @Test
    void sixteenMinutesOfSkewIsRequestTimeTooSkewed() {
        assertEquals(AuthError.REQUEST_TIME_TOO_SKEWED, failure(get(GOOD), NOW.plus(Duration.ofMinutes(16))).error());
        assertEquals(AuthError.REQUEST_TIME_TOO_SKEWED, failure(get(GOOD), NOW.minus(Duration.ofMinutes(16))).error());
    }

    @Test
    void skewErrorEchoesTheDateHeaderAsRequestTime() {
        AuthException e = failure(get(GOOD), NOW.plus(Duration.ofMinutes(16)));
        assertEquals(List.of(Map.entry("RequestTime", DATE), Map.entry("ServerTime", "2007-03-27T19:52:42Z"),
                Map.entry("MaxAllowedSkewMilliseconds", "900000")), List.copyOf(e.details().entrySet()));
    }

    @Test
    void fourteenMinutesOfSkewIsTolerated() throws AuthException {
        sigV2(NOW.plus(Duration.ofMinutes(14))).authenticate(get(GOOD), "johnsmith");
    }

    @Test
    void missingDateIsMissingDate() {
        SignedRequest r = request("GET", "/photos/puppy.jpg", "", "Authorization", GOOD);
        assertEquals(AuthError.MISSING_DATE, failure(r, NOW).error());
    }

    @Test
    void malformedAuthorizationHeaderIsInvalidArgument() {
        for (String bad : new String[] {"AWS AKIAIOSFODNN7EXAMPLE", "AWS :sig", "AWS AKIAIOSFODNN7EXAMPLE:",
                "AWS4-HMAC-SHA256 Credential=x"}) {
            AuthException e = failure(get(bad), NOW);
            assertEquals(AuthError.INVALID_ARGUMENT, e.error(), bad);
            assertEquals("AWS authorization header is invalid.  Expected AwsAccessKeyId:signature", e.getMessage());
        }
    }

    @Test
    void presignedUrlWithoutExpiresIsAccessDenied() {
        AuthException e = failure(presigned(
                "AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Signature=NpgCjnDzrM%2BWFzoENXmpNDUsSn8%3D"), NOW);
        assertEquals(AuthError.ACCESS_DENIED, e.error());
        assertEquals("Query-string authentication requires the Signature, Expires and AWSAccessKeyId parameters",
                e.getMessage());
    }

    @Test
    void presignedUrlWithoutSignatureOrKeyIsAccessDenied() {
        assertEquals(AuthError.ACCESS_DENIED,
                failure(presigned("AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Expires=1175139620"), NOW).error());
        assertEquals(AuthError.ACCESS_DENIED,
                failure(presigned("Signature=NpgCjnDzrM%2BWFzoENXmpNDUsSn8%3D&Expires=1175139620"), NOW).error());
    }

    @Test
    void presignedUrlWithNonNumericExpiresIsAccessDenied() {
        AuthException e = failure(presigned("AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE"
                + "&Signature=NpgCjnDzrM%2BWFzoENXmpNDUsSn8%3D&Expires=tomorrow"), NOW);
        assertEquals(AuthError.ACCESS_DENIED, e.error());
        assertEquals("Invalid date (should be seconds since epoch): tomorrow", e.getMessage());
    }

    @Test
    void presignedUrlWithWrongSignatureIsSignatureDoesNotMatch() {
        AuthException e = failure(presigned("AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE"
                + "&Signature=AAAAjnDzrM%2BWFzoENXmpNDUsSn8%3D&Expires=1175139620"), NOW);
        assertEquals(AuthError.SIGNATURE_DOES_NOT_MATCH, e.error());
    }

    @Test
    void headerAndPresignedTogetherIsInvalidArgument() {
        SignedRequest r = request("GET", "/photos/puppy.jpg", "AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE",
                "Date", DATE, "Authorization", GOOD);
        assertEquals(AuthError.INVALID_ARGUMENT, failure(r, NOW).error());
    }

    @Test
    void requestWithoutCredentialsIsAccessDenied() {
        assertEquals(AuthError.ACCESS_DENIED, failure(presigned(""), NOW).error());
    }
}

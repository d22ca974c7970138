package dev.coffer.auth;

import static dev.coffer.auth.Requests.EMPTY_SHA256;
import static dev.coffer.auth.Requests.EXAMPLE_TIME;
import static dev.coffer.auth.Requests.authenticator;
import static dev.coffer.auth.Requests.authorization;
import static dev.coffer.auth.Requests.request;
import static dev.coffer.auth.Requests.withHeader;
import static dev.coffer.auth.Requests.withQuery;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each way a request fails authentication, and the S3 error it gets. */
class AuthenticationErrorsTest {
    private static final String GET_SIGNATURE = "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41";

    private static SignedRequest getObject(String authorization) {
        return request("GET", "/test.txt", "",
                "Host", "examplebucket.s3.amazonaws.com", "Range", "bytes=0-9",
                "x-amz-content-sha256", EMPTY_SHA256, "x-amz-date", "20130524T000000Z",
                "Authorization", authorization);
    }

    private static SignedRequest getObject() {
        return getObject(authorization("host;range;x-amz-content-sha256;x-amz-date", GET_SIGNATURE));
    }

    private static AuthError errorOf(SignedRequest r, Instant now) {
        return assertThrows(AuthException.class, () -> authenticator(now).authenticate(r)).error();
    }

    private static AuthException failure(SignedRequest r, Instant now) {
        return assertThrows(AuthException.class, () -> authenticator(now).authenticate(r));
    }

    @Test
    void requestWithoutCredentialsIsAccessDenied() {
        assertEquals(AuthError.ACCESS_DENIED, errorOf(request("GET", "/b/k", "", "Host", "h"), EXAMPLE_TIME));
    }

    @Test
    void unknownAccessKeyIsInvalidAccessKeyId() {
        SignedRequest r = getObject(authorization("host;range;x-amz-content-sha256;x-amz-date", GET_SIGNATURE)
                .replace(Requests.AKID, "AKIDUNKNOWN"));
        assertEquals(AuthError.INVALID_ACCESS_KEY_ID, errorOf(r, EXAMPLE_TIME));
    }

    @Test
    void wrongSecretIsSignatureDoesNotMatch() {
        AuthException e = assertThrows(AuthException.class,
                () -> authenticator(EXAMPLE_TIME, Requests.AKID, "not-the-secret").authenticate(getObject()));
        assertEquals(AuthError.SIGNATURE_DOES_NOT_MATCH, e.error());
    }

    @Test
    void tamperedHeaderIsSignatureDoesNotMatch() {
        assertEquals(AuthError.SIGNATURE_DOES_NOT_MATCH,
                errorOf(withHeader(getObject(), "range", "bytes=0-99"), EXAMPLE_TIME));
    }

    @Test
    void clockSixteenMinutesAheadIsRequestTimeTooSkewed() {
        assertEquals(AuthError.REQUEST_TIME_TOO_SKEWED, errorOf(getObject(), EXAMPLE_TIME.plus(Duration.ofMinutes(16))));
    }

    @Test
    void clockSixteenMinutesBehindIsRequestTimeTooSkewed() {
        assertEquals(AuthError.REQUEST_TIME_TOO_SKEWED, errorOf(getObject(), EXAMPLE_TIME.minus(Duration.ofMinutes(16))));
    }

    @Test
    void skewErrorCarriesRequestTimeServerTimeAndMaxAllowedSkewInS3sOrder() {
        AuthException e = failure(getObject(), EXAMPLE_TIME.plus(Duration.ofMinutes(16)).plusMillis(250));
        assertEquals(List.of(Map.entry("RequestTime", "20130524T000000Z"),
                Map.entry("ServerTime", "2013-05-24T00:16:00Z"),
                Map.entry("MaxAllowedSkewMilliseconds", "900000")), List.copyOf(e.details().entrySet()));
    }

    @Test
    void fourteenMinutesOfSkewIsTolerated() throws AuthException {
        authenticator(EXAMPLE_TIME.plus(Duration.ofMinutes(14))).authenticate(getObject());
    }

    @Test
    void malformedAuthorizationHeadersAreRejected() {
        String good = authorization("host;range;x-amz-content-sha256;x-amz-date", GET_SIGNATURE);
        for (String bad : new String[] {
                good.replace("aws4_request", "aws4_reques"),
                good.replace("/s3/", "/s4/"),
                good.replace("/20130524/", "/2013052/"),
                good.replace("/20130524/", "/20131324/"),
                good.replace("Credential=", "Credentials="),
                good.replace(",Signature=" + GET_SIGNATURE, ""),
                good.replace("SignedHeaders=host;", "SignedHeaders="),
                good.replace(Requests.AKID + "/", Requests.AKID + "/us-east-1/"),
                "AWS4-HMAC-SHA256 garbage"}) {
            assertEquals(AuthError.AUTHORIZATION_HEADER_MALFORMED, errorOf(getObject(bad), EXAMPLE_TIME), bad);
        }
    }

    @Test
    void credentialDateDifferentFromAmzDateIsMalformed() {
        SignedRequest r = withHeader(getObject(), "x-amz-date", "20130525T000000Z");
        assertEquals(AuthError.AUTHORIZATION_HEADER_MALFORMED, errorOf(r, EXAMPLE_TIME.plus(Duration.ofDays(1))));
    }

    @Test
    void anyRegionInTheScopeIsAcceptedAndUsedForTheKey() {
        // Same request claimed for eu-west-1: the key differs, so only the signature fails.
        String other = authorization("host;range;x-amz-content-sha256;x-amz-date", GET_SIGNATURE)
                .replace("us-east-1", "eu-west-1");
        assertEquals(AuthError.SIGNATURE_DOES_NOT_MATCH, errorOf(getObject(other), EXAMPLE_TIME));
    }

    @Test
    void sigV2HeaderIsInvalidRequest() {
        assertEquals(AuthError.INVALID_REQUEST, errorOf(getObject("AWS AKIAIOSFODNN7EXAMPLE:abc="), EXAMPLE_TIME));
    }

    @Test
    void missingDateIsMissingDate() {
        SignedRequest r = getObject();
        r.headers().remove("x-amz-date");
        assertEquals(AuthError.MISSING_DATE, errorOf(r, EXAMPLE_TIME));
    }

    @Test
    void missingContentSha256IsInvalidRequest() {
        SignedRequest r = getObject();
        r.headers().remove("x-amz-content-sha256");
        AuthException e = failure(r, EXAMPLE_TIME);
        assertEquals(AuthError.INVALID_REQUEST, e.error());
        assertEquals("Missing required header for this request: x-amz-content-sha256", e.getMessage());
    }

    @Test
    void unknownContentSha256IsInvalidArgument() {
        assertEquals(AuthError.INVALID_ARGUMENT,
                errorOf(withHeader(getObject(), "x-amz-content-sha256", "STREAMING-PAYLOAD"), EXAMPLE_TIME));
    }

    @Test
    void hostMustBeSigned() {
        SignedRequest r = getObject(authorization("range;x-amz-content-sha256;x-amz-date", GET_SIGNATURE));
        assertEquals(AuthError.AUTHORIZATION_HEADER_MALFORMED, errorOf(r, EXAMPLE_TIME));
    }

    @Test
    void headerAndPresignedTogetherIsInvalidArgument() {
        SignedRequest r = withQuery(getObject(), "X-Amz-Algorithm=AWS4-HMAC-SHA256");
        assertEquals(AuthError.INVALID_ARGUMENT, errorOf(r, EXAMPLE_TIME));
    }

    @Test
    void presignedUrlAfterExpiryIsAccessDeniedRequestHasExpired() {
        AuthException e = failure(AwsSignatureExamplesTest.presignedExample(), EXAMPLE_TIME.plusSeconds(86_401));
        assertEquals(AuthError.ACCESS_DENIED, e.error());
        assertEquals("Request has expired", e.getMessage());
        assertEquals(List.of(Map.entry("X-Amz-Expires", "86400"), Map.entry("Expires", "2013-05-25T00:00:00Z"),
                Map.entry("ServerTime", "2013-05-25T00:00:01Z")), List.copyOf(e.details().entrySet()));
    }

    @Test
    void presignedUrlFromTheFutureIsAccessDeniedNotYetValid() {
        AuthException e = failure(AwsSignatureExamplesTest.presignedExample(), EXAMPLE_TIME.minus(Duration.ofMinutes(16)));
        assertEquals(AuthError.ACCESS_DENIED, e.error());
        assertEquals("Request is not yet valid", e.getMessage());
    }

    @Test
    void presignedExpiresOverAWeekIsQueryParametersError() {
        SignedRequest r = AwsSignatureExamplesTest.presignedExample();
        r = withQuery(r, r.rawQuery().replace("X-Amz-Expires=86400", "X-Amz-Expires=604801"));
        assertEquals(AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR, errorOf(r, EXAMPLE_TIME));
    }

    @Test
    void presignedExpiresZeroOrNotANumberIsQueryParametersError() {
        SignedRequest r = AwsSignatureExamplesTest.presignedExample();
        for (String bad : new String[] {"X-Amz-Expires=0", "X-Amz-Expires=-5", "X-Amz-Expires=soon"}) {
            SignedRequest t = withQuery(r, r.rawQuery().replace("X-Amz-Expires=86400", bad));
            assertEquals(AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR, errorOf(t, EXAMPLE_TIME), bad);
        }
    }

    @Test
    void presignedMissingParameterIsQueryParametersError() {
        SignedRequest r = AwsSignatureExamplesTest.presignedExample();
        for (String name : new String[] {"X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires", "X-Amz-SignedHeaders",
                "X-Amz-Signature"}) {
            String query = r.rawQuery().replaceAll("&?" + name + "=[^&]*", "");
            assertEquals(AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR, errorOf(withQuery(r, query), EXAMPLE_TIME), name);
        }
    }

    @Test
    void presignedWrongAlgorithmIsQueryParametersError() {
        SignedRequest r = AwsSignatureExamplesTest.presignedExample();
        r = withQuery(r, r.rawQuery().replace("AWS4-HMAC-SHA256", "AWS4-HMAC-SHA1"));
        assertEquals(AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR, errorOf(r, EXAMPLE_TIME));
    }

    @Test
    void presignedTamperedQueryParameterIsSignatureDoesNotMatch() {
        SignedRequest r = AwsSignatureExamplesTest.presignedExample();
        assertEquals(AuthError.SIGNATURE_DOES_NOT_MATCH,
                errorOf(withQuery(r, r.rawQuery() + "&response-content-type=text%2Fhtml"), EXAMPLE_TIME));
        assertEquals(AuthError.SIGNATURE_DOES_NOT_MATCH,
                errorOf(withQuery(r, r.rawQuery().replace("Expires=86400", "Expires=86401")), EXAMPLE_TIME));
    }

    @Test
    void presignedBadCredentialScopeIsQueryParametersError() {
        SignedRequest r = AwsSignatureExamplesTest.presignedExample();
        r = withQuery(r, r.rawQuery().replace("%2Fs3%2F", "%2Fs4%2F"));
        assertEquals(AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR, errorOf(r, EXAMPLE_TIME));
    }
}

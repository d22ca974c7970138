package dev.coffer.auth;

import static dev.coffer.auth.Requests.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 and 24 on SigV2: a presigned URL lives at most 7 days, like a SigV4 one; SigV2 can be
 * turned off; a header-signed request's Date or x-amz-date is held to SigV4's 15 minutes. AWS's
 * documented examples, verified at chosen instants.
 */
class SigV2LimitsTest {
    private static final long EXPIRES = 1175139620;
    private static final String DATE = "Tue, 27 Mar 2007 19:36:42 +0000";
    private static final Instant DATE_INSTANT = Instant.parse("2007-03-27T19:36:42Z");

    private static SignedRequest presigned() {
        return request("GET", "/photos/puppy.jpg",
                "AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Signature=NpgCjnDzrM%2BWFzoENXmpNDUsSn8%3D&Expires=" + EXPIRES,
                "Host", "johnsmith.s3.amazonaws.com");
    }

    private static SignedRequest header() {
        return request("GET", "/photos/puppy.jpg", "", "Host", "johnsmith.s3.amazonaws.com", "Date", DATE,
                "Authorization", "AWS AKIAIOSFODNN7EXAMPLE:bWq2s1WEIj+Ydj0vQ697zp+IXMU=");
    }

    private static RequestAuthenticator facade(Instant now, boolean sigV2) {
        return new RequestAuthenticator(id -> id.equals(Requests.AKID) ? Optional.of(Requests.SECRET) : Optional.empty(),
                Clock.fixed(now, ZoneOffset.UTC), sigV2);
    }

    @Test
    void presignedUrlValidForSevenDaysMoreIsAccepted() throws AuthException {
        facade(Instant.ofEpochSecond(EXPIRES - 604_800), true).authenticate(presigned(), "johnsmith");
    }

    @Test
    void presignedUrlValidForMoreThanSevenDaysIsRefused() {
        for (long ahead : new long[] {604_800 + 16 * 60, 30L * 86_400, 100L * 365 * 86_400}) {
            AuthException e = assertThrows(AuthException.class,
                    () -> facade(Instant.ofEpochSecond(EXPIRES - ahead), true).authenticate(presigned(), "johnsmith"));
            assertEquals(AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR, e.error(), "ahead " + ahead);
        }
    }

    @Test
    void sigV2OffAnswersEverySigV2RequestAsARegionWithoutIt() throws AuthException {
        for (SignedRequest r : new SignedRequest[] {presigned(), header()}) {
            AuthException e = assertThrows(AuthException.class,
                    () -> facade(DATE_INSTANT, false).authenticate(r, "johnsmith"));
            assertEquals(AuthError.INVALID_REQUEST, e.error());
            assertEquals("The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.",
                    e.getMessage());
        }
        facade(DATE_INSTANT, true).authenticate(header(), "johnsmith");
    }

    @Test
    void sigV2OffLeavesSigV4Alone() throws AuthException {
        SignedRequest v4 = request("GET", "/test.txt", "", "Host", "examplebucket.s3.amazonaws.com",
                "Range", "bytes=0-9", "x-amz-content-sha256", Requests.EMPTY_SHA256, "x-amz-date", "20130524T000000Z",
                "Authorization", Requests.authorization("host;range;x-amz-content-sha256;x-amz-date",
                        "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"));
        assertEquals(Requests.AKID, facade(Requests.EXAMPLE_TIME, false).authenticate(v4).accessKeyId());
    }

    /** The same 15 minutes as SigV4, either way, whether the time comes in Date or x-amz-date. */
    @Test
    void tooOldOrFutureTimestampsAreRequestTimeTooSkewed() {
        for (Duration skew : new Duration[] {Duration.ofMinutes(16), Duration.ofMinutes(-16), Duration.ofDays(-400)}) {
            AuthException e = assertThrows(AuthException.class,
                    () -> facade(DATE_INSTANT.plus(skew), true).authenticate(header(), "johnsmith"));
            assertEquals(AuthError.REQUEST_TIME_TOO_SKEWED, e.error(), skew.toString());
            SignedRequest amzDate = request("DELETE", "/photos/puppy.jpg", "", "Host", "johnsmith.s3.amazonaws.com",
                    "x-amz-date", DATE, "Authorization", "AWS AKIAIOSFODNN7EXAMPLE:whatever=");
            e = assertThrows(AuthException.class,
                    () -> facade(DATE_INSTANT.plus(skew), true).authenticate(amzDate, "johnsmith"));
            assertEquals(AuthError.REQUEST_TIME_TOO_SKEWED, e.error(), "x-amz-date " + skew);
        }
    }

    @Test
    void missingOrUnreadableDateIsMissingDate() {
        for (String[] headers : new String[][] {{}, {"Date", "yesterday"}, {"x-amz-date", "not a date", "Date", DATE}}) {
            String[] all = new String[headers.length + 4];
            System.arraycopy(headers, 0, all, 0, headers.length);
            all[headers.length] = "Host";
            all[headers.length + 1] = "johnsmith.s3.amazonaws.com";
            all[headers.length + 2] = "Authorization";
            all[headers.length + 3] = "AWS AKIAIOSFODNN7EXAMPLE:bWq2s1WEIj+Ydj0vQ697zp+IXMU=";
            SignedRequest r = request("GET", "/photos/puppy.jpg", "", all);
            AuthException e = assertThrows(AuthException.class, () -> facade(DATE_INSTANT, true).authenticate(r, "johnsmith"));
            assertEquals(AuthError.MISSING_DATE, e.error(), String.join(" ", headers));
        }
    }
}

package dev.coffer.auth;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Instant;

/**
 * Fuzzes legacy Signature V2: {@code Authorization: AWS AccessKeyId:Signature}, the presigned
 * AWSAccessKeyId / Signature / Expires parameters, Date and x-amz-date, the canonicalized
 * x-amz-* headers and resource (sub-resources, virtual-hosted bucket). Seeds: the examples of
 * AWS's "Signing and authenticating REST requests" page (johnsmith, 27 March 2007), in
 * {@code SigV2FuzzTestInputs/signedRequest}. A 4xx {@link AuthException} is the only accepted
 * refusal; any other exception, or an input that runs over 10 s, fails.
 */
class SigV2FuzzTest {
    /** Within the 15 minutes of clock skew of most of the examples' Date headers. */
    private static final RequestAuthenticator AUTHENTICATOR =
            FuzzRequests.authenticatorAt(Instant.parse("2007-03-27T19:40:00Z"));

    @FuzzTest
    void signedRequest(byte[] input) {
        FuzzRequests.authenticate(AUTHENTICATOR, input);
    }
}

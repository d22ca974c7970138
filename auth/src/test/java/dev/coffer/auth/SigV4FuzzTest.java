package dev.coffer.auth;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes Signature V4 as a request presents it: the Authorization header (credential scope,
 * SignedHeaders, signature), presigned X-Amz-* parameters, x-amz-date / Date, x-amz-content-sha256
 * and the canonical request built from path, query and headers. Seeds: AWS's worked examples
 * (examplebucket, 20130524T000000Z) and the streaming-upload headers, in
 * {@code SigV4FuzzTestInputs/signedRequest}. A 4xx {@link AuthException} is the only accepted
 * refusal; any other exception, or an input that runs over 10 s, fails.
 */
class SigV4FuzzTest {
    private static final RequestAuthenticator AUTHENTICATOR = FuzzRequests.authenticatorAt(Requests.EXAMPLE_TIME);

    @FuzzTest
    void signedRequest(byte[] input) {
        FuzzRequests.authenticate(AUTHENTICATOR, input);
    }
}

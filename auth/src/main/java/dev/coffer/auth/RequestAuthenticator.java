package dev.coffer.auth;

import java.time.Clock;
import java.util.List;

/**
 * The one entry point for request authentication: picks Signature V4 (an
 * {@code AWS4-HMAC-SHA256} header or an X-Amz-Algorithm presigned URL) or legacy Signature V2
 * ({@code AWS AccessKeyId:Signature} header or an AWSAccessKeyId presigned URL), and rejects a
 * request without credentials with ACCESS_DENIED. Thread-safe.
 *
 * <p>Only SigV2 signs the bucket of a virtual-hosted request apart from the Host header, so the
 * api module passes the bucket it resolved from the Host (null for path-style).
 */
public final class RequestAuthenticator {
    private final SigV4Authenticator v4;
    private final SigV2Authenticator v2;

    public RequestAuthenticator(CredentialsLookup credentials, Clock clock) {
        this.v4 = new SigV4Authenticator(credentials, clock);
        this.v2 = new SigV2Authenticator(credentials, clock);
    }

    /** A path-style request, or one that addresses no bucket. */
    public AuthResult authenticate(SignedRequest request) throws AuthException {
        return authenticate(request, null);
    }

    /**
     * @param virtualHostBucket the bucket the api module resolved from the Host header, or null
     *     for path-style; only SigV2 signs it (SigV4 signs the Host header itself)
     * @throws AuthException with ACCESS_DENIED for an anonymous request, INVALID_ARGUMENT when
     *     more than one mechanism is used, or the chosen authenticator's error
     */
    public AuthResult authenticate(SignedRequest request, String virtualHostBucket) throws AuthException {
        List<QueryParameter> query = QueryParameter.parse(request.rawQuery());
        AuthMechanism mechanism = AuthMechanism.of(request, query);
        if (mechanism == AuthMechanism.V4_HEADER || mechanism == AuthMechanism.V4_QUERY) {
            return v4.authenticate(request, query);
        }
        return v2.authenticate(request, query, mechanism, virtualHostBucket);
    }
}

package dev.coffer.auth;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The one entry point for request authentication: picks Signature V4 (an
 * {@code AWS4-HMAC-SHA256} header or an X-Amz-Algorithm presigned URL) or legacy Signature V2
 * ({@code AWS AccessKeyId:Signature} header or an AWSAccessKeyId presigned URL), and rejects a
 * request without credentials with ACCESS_DENIED. SigV2 can be turned off: then a SigV2 request
 * is answered as S3 answers it in a region that accepts only SigV4. Thread-safe.
 *
 * <p>Only SigV2 signs the bucket of a virtual-hosted request apart from the Host header, so the
 * api module passes the bucket it resolved from the Host (null for path-style).
 */
public final class RequestAuthenticator {
    private final SigV4Authenticator v4;
    private final SigV2Authenticator v2;
    private final boolean sigV2Enabled;

    /** SigV4 and SigV2. */
    public RequestAuthenticator(CredentialsLookup credentials, Clock clock) {
        this(credentials, clock, true);
    }

    /** @param sigV2Enabled false: SigV2 requests get InvalidRequest, as in an S3 region without SigV2 */
    public RequestAuthenticator(CredentialsLookup credentials, Clock clock, boolean sigV2Enabled) {
        this(credentials, clock, sigV2Enabled, null);
    }

    /**
     * @param region the region a SigV4 S3 request must be signed for (else AuthorizationHeaderMalformed
     *     or AuthorizationQueryParametersError naming it, as S3 answers); null accepts any
     */
    public RequestAuthenticator(CredentialsLookup credentials, Clock clock, boolean sigV2Enabled, String region) {
        this.v4 = new SigV4Authenticator(credentials, clock, region);
        this.v2 = new SigV2Authenticator(credentials, clock);
        this.sigV2Enabled = sigV2Enabled;
    }

    /**
     * A request of the IAM query API (or another AWS service Coffer answers on its endpoint):
     * SigV4 in the Authorization header, credential scope service {@code service}, the payload
     * hash computed by the caller from the body as received.
     */
    public AuthResult authenticateService(SignedRequest request, String service, String payloadSha256)
            throws AuthException {
        refuseSessionToken(request, List.of());
        return v4.authenticateService(request, service, payloadSha256);
    }

    /** A path-style request, or one that addresses no bucket. */
    public AuthResult authenticate(SignedRequest request) throws AuthException {
        return authenticate(request, null);
    }

    /**
     * @param virtualHostBucket the bucket the api module resolved from the Host header, or null
     *     for path-style; only SigV2 signs it (SigV4 signs the Host header itself)
     * @throws AuthException with ACCESS_DENIED for an anonymous request, INVALID_ARGUMENT when
     *     more than one mechanism is used, INVALID_REQUEST for SigV2 when it is off, or the chosen
     *     authenticator's error
     */
    public AuthResult authenticate(SignedRequest request, String virtualHostBucket) throws AuthException {
        return authenticateIfSigned(request, virtualHostBucket).orElseThrow(AuthMechanism::anonymous);
    }

    /**
     * As {@link #authenticate(SignedRequest, String)}, but a request that carries no credentials
     * at all is no error: it is anonymous (empty), for the Authorizer to judge.
     */
    public Optional<AuthResult> authenticateIfSigned(SignedRequest request, String virtualHostBucket)
            throws AuthException {
        List<QueryParameter> query = request.query();
        AuthMechanism mechanism = AuthMechanism.of(request, query);
        if (mechanism == AuthMechanism.ANONYMOUS) return Optional.empty();
        refuseSessionToken(request, query);
        if (mechanism == AuthMechanism.V4_HEADER || mechanism == AuthMechanism.V4_QUERY) {
            return Optional.of(v4.authenticate(request, query));
        }
        if (mechanism.isV2() && !sigV2Enabled) throw AuthMechanism.unsupported();
        return Optional.of(v2.authenticate(request, query, mechanism, virtualHostBucket));
    }

    /**
     * A signed request that carries a session token is refused as S3 refuses a token it did not
     * issue: Coffer issues none (no STS), and a token is never silently ignored.
     */
    private static void refuseSessionToken(SignedRequest request, List<QueryParameter> query) throws AuthException {
        boolean token = request.headers().containsKey("x-amz-security-token"); // names are lower case
        for (int i = 0; i < query.size() && !token; i++) token = query.get(i).name().equalsIgnoreCase("X-Amz-Security-Token");
        if (token) throw new AuthException(AuthError.INVALID_TOKEN, "The provided token is malformed or otherwise invalid.");
    }
}

package dev.coffer.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Checks AWS Signature V4 of a request: in the Authorization header or as presigned query
 * parameters (X-Amz-Algorithm ...). Yields the principal and the payload mode. Pure computation,
 * no I/O but the credentials lookup. Thread-safe.
 *
 * <p>Checks run cheapest first: parse, timestamp, payload-hash form, access key, then the HMAC;
 * last, that every {@code x-amz-*} header present is signed ({@link UnsignedHeaders}).
 */
public final class SigV4Authenticator {
    private final CredentialsLookup credentials;
    private final Clock clock;
    private final SigningKeyCache signingKeys = new SigningKeyCache();
    /** The region an S3 request must be signed for; null: any. */
    private final String region;

    /** Accepts a credential scope of any region. */
    public SigV4Authenticator(CredentialsLookup credentials, Clock clock) {
        this(credentials, clock, null);
    }

    /**
     * @param region the region an S3 request's credential scope must name, as S3 demands of a
     *     bucket's region; null accepts any (another service, IAM, has its own scope)
     */
    public SigV4Authenticator(CredentialsLookup credentials, Clock clock, String region) {
        this.credentials = credentials;
        this.clock = clock;
        this.region = region;
    }

    /**
     * S3's refusal of a scope signed for another region, carrying {@code <Region>} so that a client
     * (botocore, s3cmd) can sign again for the right one.
     */
    private void checkRegion(CredentialScope scope, String service, AuthError error, String prefix)
            throws AuthException {
        if (region == null || !service.equals("s3") || scope.region().equals(region)) return;
        throw new AuthException(error, prefix + "the region '" + scope.region() + "' is wrong; expecting '"
                + region + "'", Map.of("Region", region));
    }

    /**
     * @throws AuthException with ACCESS_DENIED when the request carries no credentials at all,
     *     or the matching error for a bad one
     */
    public AuthResult authenticate(SignedRequest request) throws AuthException {
        return authenticate(request, request.query());
    }

    /** {@link #authenticate(SignedRequest)} with the request's query, parsed once per request. */
    AuthResult authenticate(SignedRequest request, List<QueryParameter> query) throws AuthException {
        String authorization = request.header("authorization");
        boolean presigned = QueryParameter.find(query, "X-Amz-Algorithm") != null;
        if (authorization != null && presigned) {
            throw AuthMechanism.onlyOneAllowed();
        }
        if (authorization != null) return fromHeader(request, authorization, query, "s3", null);
        if (presigned) return fromQuery(request, query);
        throw AuthMechanism.anonymous();
    }

    /**
     * A request to another service on this endpoint (the IAM query API: {@code service} "iam"),
     * signed in the Authorization header as AWS's other services are: the credential scope names
     * {@code service}, and the payload hash is the SHA-256 of the body received (those services
     * send no x-amz-content-sha256).
     *
     * @param payloadSha256 lower-case hex SHA-256 of the whole body
     */
    AuthResult authenticateService(SignedRequest request, String service, String payloadSha256) throws AuthException {
        String authorization = request.header("authorization");
        if (authorization == null) throw AuthMechanism.anonymous();
        return fromHeader(request, authorization, request.query(), service, payloadSha256);
    }

    private AuthResult fromHeader(SignedRequest request, String authorization, List<QueryParameter> query,
            String service, String bodySha256) throws AuthException {
        SignatureParts parts = AuthorizationHeaderParser.parse(authorization, service);
        CredentialScope scope = parts.credential();
        checkRegion(scope, service, AuthError.AUTHORIZATION_HEADER_MALFORMED, "The authorization header is malformed; ");
        String amzDate = request.header("x-amz-date");
        Instant signedAt;
        if (amzDate != null) {
            signedAt = AmzDate.parseBasic(amzDate.trim());
            amzDate = amzDate.trim();
        } else {
            signedAt = AmzDate.parseHttpDate(request.header("date"));
            amzDate = signedAt == null ? null : AmzDate.formatBasic(signedAt);
        }
        if (signedAt == null) {
            throw new AuthException(AuthError.MISSING_DATE,
                    "AWS authentication requires a valid Date or x-amz-date header");
        }
        if (!amzDate.startsWith(scope.date())) {
            throw new AuthException(AuthError.AUTHORIZATION_HEADER_MALFORMED, "The authorization header "
                    + "is malformed; Invalid credential date. Date is not the same as X-Amz-Date.");
        }
        ClockSkew.check(amzDate, signedAt, clock);
        String contentSha256 = bodySha256 != null ? bodySha256 : request.header("x-amz-content-sha256");
        if (contentSha256 == null) {
            // S3 requires the header on every header-signed SigV4 request (InvalidRequest).
            throw new AuthException(AuthError.INVALID_REQUEST,
                    "Missing required header for this request: x-amz-content-sha256");
        }
        contentSha256 = contentSha256.trim();
        PayloadModes.check(contentSha256);
        byte[] key = signingKey(scope);
        CharSequence canonical = CanonicalRequest.build(request, query, false, parts.signedHeaders(), contentSha256);
        SignatureVerifier.verify(key, StringToSign.build(amzDate, scope, canonical), parts.signature());
        UnsignedHeaders.refuse(request.headers(), parts.signedHeaders());
        return result(scope, key, amzDate, parts.signature(), contentSha256);
    }

    private AuthResult fromQuery(SignedRequest request, List<QueryParameter> query) throws AuthException {
        PresignedQuery presigned = PresignedQuery.parse(query);
        SignatureParts parts = presigned.parts();
        CredentialScope scope = parts.credential();
        checkRegion(scope, "s3", AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR,
                "Error parsing the X-Amz-Credential parameter; ");
        if (!presigned.date().startsWith(scope.date())) {
            throw new AuthException(AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR,
                    "Invalid credential date. Date is not the same as X-Amz-Date.");
        }
        Instant now = clock.instant();
        // S3 answers AccessDenied "Request is not yet valid" for a URL signed in the future; we
        // allow the same 15 minutes of clock difference as for header signatures before that.
        if (presigned.signedAt().isAfter(now.plus(ClockSkew.MAX_SKEW))) {
            throw new AuthException(AuthError.ACCESS_DENIED, "Request is not yet valid");
        }
        Instant expiresAt = presigned.signedAt().plusSeconds(presigned.expiresSeconds());
        if (now.isAfter(expiresAt)) {
            throw ClockSkew.expired(QueryParameter.find(query, "X-Amz-Expires"), expiresAt, now);
        }
        String payloadHash = presigned.contentSha256();
        if (payloadHash == null && parts.signedHeaders().contains("x-amz-content-sha256")) {
            payloadHash = request.header("x-amz-content-sha256");
        }
        payloadHash = payloadHash == null ? PayloadModes.UNSIGNED : payloadHash.trim();
        PayloadModes.check(payloadHash);
        byte[] key = signingKey(scope);
        CharSequence canonical = CanonicalRequest.build(request, query, true, parts.signedHeaders(), payloadHash);
        SignatureVerifier.verify(key, StringToSign.build(presigned.date(), scope, canonical), parts.signature());
        UnsignedHeaders.refuse(request.headers(), parts.signedHeaders());
        return result(scope, key, presigned.date(), parts.signature(), payloadHash);
    }

    private byte[] signingKey(CredentialScope scope) throws AuthException {
        String secret = SecretKeys.secretOf(credentials, scope.accessKeyId());
        return signingKeys.signingKey(secret, scope.date(), scope.region(), scope.service());
    }

    private static AuthResult result(CredentialScope scope, byte[] key, String amzDate, String signature,
            String payloadHash) {
        StreamingContext seed = payloadHash.startsWith(PayloadModes.STREAMING_SIGNED)
                ? new StreamingContext(key.clone(), amzDate, scope.scope(), signature) : null;
        return new AuthResult(scope.accessKeyId(), PayloadModes.of(payloadHash, seed));
    }
}

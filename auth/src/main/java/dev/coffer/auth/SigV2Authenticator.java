package dev.coffer.auth;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * Checks legacy AWS Signature Version 2: {@code Authorization: AWS AccessKeyId:Signature}, or a
 * presigned URL with AWSAccessKeyId, Signature and Expires (what the aws CLI v1's
 * {@code aws s3 presign} makes for a custom endpoint), valid for at most 7 days from now as a SigV4
 * URL is. SigV2 signs no payload hash, so the payload
 * mode is always {@link PayloadMode.Unsigned}. Thread-safe.
 *
 * <p>The bucket of a virtual-hosted request ({@code bucket.domain}) is not in the path but is part
 * of what SigV2 signs, so the caller, which resolved it from the Host header, passes it in.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/RESTAuthentication.html">Signing
 *     and authenticating REST requests (AWS signature version 2)</a>
 */
public final class SigV2Authenticator {
    private final CredentialsLookup credentials;
    private final Clock clock;

    public SigV2Authenticator(CredentialsLookup credentials, Clock clock) {
        this.credentials = credentials;
        this.clock = clock;
    }

    /**
     * @param virtualHostBucket the bucket named by the Host header (virtual-hosted-style or CNAME),
     *     or null when the bucket, if any, is in the path
     * @throws AuthException with ACCESS_DENIED when the request carries no SigV2 credentials, or
     *     the matching error for bad ones
     */
    public AuthResult authenticate(SignedRequest request, String virtualHostBucket) throws AuthException {
        List<QueryParameter> query = request.query();
        return authenticate(request, query, AuthMechanism.of(request, query), virtualHostBucket);
    }

    /** For {@link RequestAuthenticator}, which has parsed the query and told the mechanism already. */
    AuthResult authenticate(SignedRequest request, List<QueryParameter> query, AuthMechanism mechanism,
            String virtualHostBucket) throws AuthException {
        switch (mechanism) {
            case V2_QUERY:
                return fromQuery(request, query, virtualHostBucket);
            case V2_HEADER:
            case V4_HEADER: // not "AWS …": SigV2Header.parse answers that the header is invalid
                return fromHeader(request, query, virtualHostBucket);
            default:
                throw AuthMechanism.anonymous();
        }
    }

    private AuthResult fromHeader(SignedRequest request, List<QueryParameter> query, String bucket)
            throws AuthException {
        SigV2Header header = SigV2Header.parse(request.header("authorization"));
        String amzDate = request.header("x-amz-date");
        String date = request.header("date");
        Instant signedAt = parseTime(amzDate != null ? amzDate : date);
        if (signedAt == null) {
            throw new AuthException(AuthError.MISSING_DATE,
                    "AWS authentication requires a valid Date or x-amz-date header");
        }
        ClockSkew.check(amzDate != null ? amzDate : date, signedAt, clock);
        // With x-amz-date present, S3 ignores Date: the date line is empty and x-amz-date is
        // signed among the x-amz-* headers.
        String dateLine = amzDate != null ? "" : date.trim();
        return verify(request, query, bucket, header.accessKeyId(), header.signature(),
                SigV2StringToSign.withoutResource(request, null, dateLine));
    }

    private AuthResult fromQuery(SignedRequest request, List<QueryParameter> query, String bucket)
            throws AuthException {
        SigV2Query presigned = SigV2Query.parse(query);
        Instant instant = clock.instant();
        long now = instant.getEpochSecond();
        if (now > presigned.expiresEpochSecond()) {
            throw ClockSkew.expired(null, Instant.ofEpochSecond(presigned.expiresEpochSecond()), instant);
        }
        // Deliberate difference: S3 takes any SigV2 Expires; Coffer bounds a SigV2 URL's remaining
        // life as SigV4 bounds X-Amz-Expires (7 days, plus the clock skew it tolerates), with the
        // error S3 gives a SigV4 URL that asks for longer.
        if (presigned.expiresEpochSecond() - now > PresignedQuery.MAX_EXPIRES_SECONDS + ClockSkew.MAX_SKEW.toSeconds()) {
            throw new AuthException(AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR, "Expires must be less than "
                    + "a week (in seconds) from now; the given Expires is " + (presigned.expiresEpochSecond() - now)
                    + " seconds away, more than 604800");
        }
        return verify(request, query, bucket, presigned.accessKeyId(), presigned.signature(),
                SigV2StringToSign.withoutResource(request, query, presigned.expires()));
    }

    private AuthResult verify(SignedRequest request, List<QueryParameter> query, String bucket,
            String accessKeyId, String claimed, String withoutResource) throws AuthException {
        byte[] key = SecretKeys.secretOf(credentials, accessKeyId).getBytes(StandardCharsets.UTF_8);
        for (String resource : CanonicalizedResource.candidates(bucket, request.rawPath(), query)) {
            String expected = Base64.getEncoder().encodeToString(Crypto.hmacSha1OfWire(key, withoutResource + resource));
            if (SignatureVerifier.matches(expected, claimed)) {
                return new AuthResult(accessKeyId, new PayloadMode.Unsigned());
            }
        }
        throw SignatureVerifier.mismatch();
    }

    /** An RFC 1123 date as SigV2 clients send it; ISO 8601 basic is accepted too. */
    private static Instant parseTime(String value) {
        if (value == null) return null;
        Instant instant = AmzDate.parseHttpDate(value);
        return instant != null ? instant : AmzDate.parseBasic(value.trim());
    }
}

package dev.coffer.auth;

import java.time.Instant;
import java.util.List;

/**
 * The X-Amz-* parameters of a presigned URL, checked as S3 checks them.
 *
 * @param date X-Amz-Date as sent (also the string-to-sign timestamp)
 * @param contentSha256 X-Amz-Content-Sha256 when given in the query, else null
 */
record PresignedQuery(SignatureParts parts, String date, Instant signedAt, long expiresSeconds,
        String contentSha256) {
    static final long MAX_EXPIRES_SECONDS = 604_800; // seven days, S3's limit
    private static final AuthError ERROR = AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR;

    static PresignedQuery parse(List<QueryParameter> params) throws AuthException {
        String algorithm = null, credential = null, date = null, expires = null, signedHeaders = null,
                signature = null, contentSha256 = null;
        for (QueryParameter p : params) { // one pass; the first of a repeated name counts
            String v = p.value();
            switch (p.name()) {
                case "X-Amz-Algorithm" -> algorithm = algorithm == null ? v : algorithm;
                case "X-Amz-Credential" -> credential = credential == null ? v : credential;
                case "X-Amz-Date" -> date = date == null ? v : date;
                case "X-Amz-Expires" -> expires = expires == null ? v : expires;
                case "X-Amz-SignedHeaders" -> signedHeaders = signedHeaders == null ? v : signedHeaders;
                case "X-Amz-Signature" -> signature = signature == null ? v : signature;
                case "X-Amz-Content-Sha256" -> contentSha256 = contentSha256 == null ? v : contentSha256;
                default -> { }
            }
        }
        if (credential == null || date == null || expires == null || signedHeaders == null
                || signature == null) {
            throw new AuthException(ERROR, "Query-string authentication version 4 requires the "
                    + "X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, "
                    + "X-Amz-SignedHeaders, and X-Amz-Expires parameters.");
        }
        if (!AuthorizationHeaderParser.ALGORITHM.equals(algorithm)) {
            throw new AuthException(ERROR, "X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256\"");
        }
        Instant signedAt = AmzDate.parseBasic(date);
        if (signedAt == null) {
            throw new AuthException(ERROR,
                    "X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"");
        }
        long expiresSeconds = parseExpires(expires);
        SignatureParts parts = new SignatureParts(CredentialScope.parse(credential, ERROR),
                AuthorizationHeaderParser.parseSignedHeaders(signedHeaders, ERROR), signature);
        return new PresignedQuery(parts, date, signedAt, expiresSeconds, contentSha256);
    }

    private static long parseExpires(String expires) throws AuthException {
        long seconds;
        try {
            seconds = Long.parseLong(expires);
        } catch (NumberFormatException e) {
            throw new AuthException(ERROR, "X-Amz-Expires should be a number");
        }
        if (seconds < 1) {
            // S3 says "non-negative"; a URL that expires the instant it is signed is of no use.
            throw new AuthException(ERROR, "X-Amz-Expires must be non-negative");
        }
        if (seconds > MAX_EXPIRES_SECONDS) {
            throw new AuthException(ERROR, "X-Amz-Expires must be less than a week (in seconds) "
                    + "that is; the given X-Amz-Expires must be less than 604800 seconds");
        }
        return seconds;
    }
}

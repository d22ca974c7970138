package dev.coffer.auth;

import java.util.List;

/**
 * The parameters of a SigV2 presigned URL: {@code AWSAccessKeyId}, {@code Signature} (URL-encoded
 * base64) and {@code Expires} (epoch seconds, also the date line of the string to sign).
 *
 * @param expires Expires as sent, for the string to sign
 */
record SigV2Query(String accessKeyId, String signature, String expires, long expiresEpochSecond) {

    /** True when the query carries SigV2 credentials, complete or not. */
    static boolean isPresent(List<QueryParameter> query) {
        return QueryParameter.find(query, "AWSAccessKeyId") != null
                || QueryParameter.find(query, "Signature") != null;
    }

    static SigV2Query parse(List<QueryParameter> query) throws AuthException {
        String accessKeyId = QueryParameter.find(query, "AWSAccessKeyId");
        String signature = QueryParameter.find(query, "Signature");
        String expires = QueryParameter.find(query, "Expires");
        if (isBlank(accessKeyId) || isBlank(signature) || isBlank(expires)) {
            throw new AuthException(AuthError.ACCESS_DENIED,
                    "Query-string authentication requires the Signature, Expires and AWSAccessKeyId parameters");
        }
        try {
            return new SigV2Query(accessKeyId, signature, expires, Long.parseLong(expires));
        } catch (NumberFormatException e) {
            throw new AuthException(AuthError.ACCESS_DENIED,
                    "Invalid date (should be seconds since epoch): " + expires);
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isEmpty();
    }
}

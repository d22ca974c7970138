package dev.coffer.auth;

/**
 * Why authentication failed. The api module maps each to the S3 error code of the same name
 * (in parentheses where the names differ).
 */
public enum AuthError {
    /** No credentials at all, an expired presigned URL, or a request the principal may not make. */
    ACCESS_DENIED,
    INVALID_ACCESS_KEY_ID,
    SIGNATURE_DOES_NOT_MATCH,
    REQUEST_TIME_TOO_SKEWED,
    AUTHORIZATION_HEADER_MALFORMED,
    AUTHORIZATION_QUERY_PARAMETERS_ERROR,
    /**
     * x-amz-content-sha256 is not a hash nor a known mode, more than one auth mechanism, or a
     * malformed SigV2 Authorization header (InvalidArgument).
     */
    INVALID_ARGUMENT,
    /** The streamed body's SHA-256 differs from x-amz-content-sha256 (XAmzContentSHA256Mismatch). */
    CONTENT_SHA256_MISMATCH,
    /** The aws-chunked body ended early or is not well framed (IncompleteBody). */
    INCOMPLETE_BODY,
    /** A trailing checksum header is missing or malformed (InvalidRequest). */
    INVALID_REQUEST,
    /** A browser POST's policy is not base64 JSON of a valid policy (InvalidPolicyDocument). */
    INVALID_POLICY_DOCUMENT,
    /**
     * A session token (x-amz-security-token, header or presigned query): Coffer issues no temporary
     * credentials, so no token it could be sent is valid (InvalidToken).
     */
    INVALID_TOKEN,
    /**
     * A header-signed request (SigV4 or SigV2) lacks x-amz-date / date (AccessDenied is what S3
     * answers; kept apart for messages).
     */
    MISSING_DATE
}

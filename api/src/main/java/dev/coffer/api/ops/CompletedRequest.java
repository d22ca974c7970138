package dev.coffer.api.ops;

/**
 * One finished request, as the access log and the request metrics see it.
 *
 * @param method HTTP method
 * @param operation S3 operation (PUT_OBJECT, …), {@code COFFER_ENDPOINT} for /_coffer/ paths,
 *     {@code UNKNOWN} when the request failed before it resolved
 * @param bucket bucket name or null
 * @param keyLength length of the object key in chars, -1 when none (the key itself is not
 *     logged: keys may hold personal data and control characters)
 * @param status HTTP status; 499 (nginx's "client closed request") when the client left first
 * @param bytesIn request body bytes read
 * @param bytesOut response body bytes written
 * @param durationNanos from the first byte of the request to the end of the response
 * @param requestId the x-amz-request-id given to the client
 * @param errorCode S3 error code or null
 * @param checksumFailure BadDigest, XAmzContentSHA256Mismatch, chunk_crc, or null
 * @param outcome ok, error (the connection was aborted) or cancelled (the client went away)
 * @param client the peer address (nginx, behind a proxy) and X-Forwarded-For when present
 */
public record CompletedRequest(
        String method,
        String operation,
        String bucket,
        int keyLength,
        int status,
        long bytesIn,
        long bytesOut,
        long durationNanos,
        String requestId,
        String errorCode,
        String checksumFailure,
        String outcome,
        String client) {}

package dev.coffer.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A SigV4 request may carry an {@code x-amz-*} header only if its signature covers it
 * (SignedHeaders of the Authorization header, X-Amz-SignedHeaders of a presigned URL): the server
 * acts on those headers ({@code x-amz-copy-source} turns a PutObject into a CopyObject), so one
 * added by whoever holds a presigned URL would change what the signer allowed. S3 answers
 * AccessDenied, "There were headers present in the request which were not signed", and names them
 * in HeadersNotSigned.
 *
 * <p>{@code x-amz-content-sha256} is exempt, as in S3: a header-signed request signs its value as
 * the canonical request's last line anyway, and a presigned request's payload mode is read from
 * the URL or from a signed header only, never from an unsigned one.
 *
 * <p>SigV2 needs no such check: its string to sign includes every {@code x-amz-*} header present.
 */
final class UnsignedHeaders {
    private static final String PREFIX = "x-amz-";
    private static final String EXEMPT = "x-amz-content-sha256";

    private UnsignedHeaders() {}

    /**
     * @param headers the request's headers by lower-case name
     * @param signedHeaders the lower-case names the signature covers
     * @throws AuthException ACCESS_DENIED naming the uncovered headers
     */
    static void refuse(Map<String, List<String>> headers, List<String> signedHeaders) throws AuthException {
        List<String> unsigned = new ArrayList<>();
        for (String name : headers.keySet()) {
            if (name.startsWith(PREFIX) && !name.equals(EXEMPT) && !signedHeaders.contains(name)) {
                unsigned.add(name);
            }
        }
        if (!unsigned.isEmpty()) {
            throw new AuthException(AuthError.ACCESS_DENIED,
                    "There were headers present in the request which were not signed",
                    Map.of("HeadersNotSigned", String.join(", ", unsigned)));
        }
    }
}

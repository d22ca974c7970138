package dev.coffer.auth;

import java.time.Clock;

/**
 * Checks AWS Signature V4 of a request: in the Authorization header or as presigned query
 * parameters (X-Amz-Algorithm ...). Yields the principal and the payload mode. Pure computation,
 * no I/O but the credentials lookup.
 */
public final class SigV4Authenticator {

    public SigV4Authenticator(CredentialsLookup credentials, Clock clock) {
        throw new UnsupportedOperationException("to be written");
    }

    /**
     * @throws AuthException with ACCESS_DENIED when the request carries no credentials at all,
     *     or the matching error for a bad one
     */
    public AuthResult authenticate(SignedRequest request) throws AuthException {
        throw new UnsupportedOperationException("to be written");
    }
}

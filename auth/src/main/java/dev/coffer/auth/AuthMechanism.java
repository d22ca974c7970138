package dev.coffer.auth;

import java.util.List;

/**
 * Which way a request carries its credentials, read from the Authorization header and the query.
 * More than one way at once is rejected as S3 rejects it.
 */
enum AuthMechanism {
    /** An Authorization header other than SigV2's; {@link SigV4Authenticator} judges it. */
    V4_HEADER,
    /** X-Amz-Algorithm and the other X-Amz-* parameters of a presigned URL. */
    V4_QUERY,
    /** {@code Authorization: AWS AccessKeyId:Signature}. */
    V2_HEADER,
    /** AWSAccessKeyId, Signature and Expires parameters. */
    V2_QUERY,
    /** No credentials at all. */
    ANONYMOUS;

    boolean isV2() {
        return this == V2_HEADER || this == V2_QUERY;
    }

    static AuthMechanism of(SignedRequest request, List<QueryParameter> query) throws AuthException {
        String authorization = request.header("authorization");
        boolean v4Query = QueryParameter.find(query, "X-Amz-Algorithm") != null;
        boolean v2Query = SigV2Query.isPresent(query);
        int ways = (authorization != null ? 1 : 0) + (v4Query ? 1 : 0) + (v2Query ? 1 : 0);
        if (ways > 1) throw onlyOneAllowed();
        if (authorization != null) return SigV2Header.isV2(authorization) ? V2_HEADER : V4_HEADER;
        if (v4Query) return V4_QUERY;
        if (v2Query) return V2_QUERY;
        return ANONYMOUS;
    }

    static AuthException onlyOneAllowed() {
        return new AuthException(AuthError.INVALID_ARGUMENT, "Only one auth mechanism allowed; only "
                + "the X-Amz-Algorithm query parameter, Signature query string parameter or the "
                + "Authorization header should be specified");
    }

    /** S3's answer to SigV2 (or SigV4A) where only SigV4 is accepted, as in regions opened after 2014. */
    static AuthException unsupported() {
        return new AuthException(AuthError.INVALID_REQUEST, "The authorization mechanism you have "
                + "provided is not supported. Please use AWS4-HMAC-SHA256.");
    }

    static AuthException anonymous() {
        return new AuthException(AuthError.ACCESS_DENIED, "Access Denied");
    }
}

package dev.coffer.auth;

/**
 * The SigV2 Authorization header, {@code AWS AccessKeyId:Signature}, the signature being the
 * base64 HMAC-SHA1 of the string to sign.
 */
record SigV2Header(String accessKeyId, String signature) {
    private static final String PREFIX = "AWS ";

    static boolean isV2(String authorization) {
        return authorization.trim().startsWith(PREFIX);
    }

    static SigV2Header parse(String authorization) throws AuthException {
        String value = authorization.trim();
        int colon = value.lastIndexOf(':');
        if (!value.startsWith(PREFIX) || colon < 0) throw invalid();
        String accessKeyId = value.substring(PREFIX.length(), colon).trim();
        String signature = value.substring(colon + 1).trim();
        if (accessKeyId.isEmpty() || signature.isEmpty()) throw invalid();
        return new SigV2Header(accessKeyId, signature);
    }

    private static AuthException invalid() {
        // S3's words, two spaces included.
        return new AuthException(AuthError.INVALID_ARGUMENT,
                "AWS authorization header is invalid.  Expected AwsAccessKeyId:signature");
    }
}

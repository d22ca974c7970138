package dev.coffer.auth;

/** {@code AWS4-HMAC-SHA256 \n timestamp \n scope \n hex(sha256(canonical request))}. */
final class StringToSign {
    private StringToSign() {}

    static String build(String amzDate, CredentialScope scope, CharSequence canonicalRequest) {
        return AuthorizationHeaderParser.ALGORITHM + '\n' + amzDate + '\n' + scope.scope() + '\n'
                + Crypto.sha256HexOfWire(canonicalRequest);
    }
}

package dev.coffer.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Computes the expected signature and compares it in constant time. */
final class SignatureVerifier {
    private SignatureVerifier() {}

    static void verify(byte[] signingKey, String stringToSign, String claimed) throws AuthException {
        if (!Hex.matches(Crypto.hmac(signingKey, stringToSign), claimed)) throw mismatch();
    }

    /** Constant-time comparison of two ASCII signatures (hex for SigV4, base64 for SigV2). */
    static boolean matches(String expected, String claimed) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                claimed.getBytes(StandardCharsets.US_ASCII));
    }

    static AuthException mismatch() {
        return new AuthException(AuthError.SIGNATURE_DOES_NOT_MATCH, "The request signature we "
                + "calculated does not match the signature you provided. Check your key and signing method.");
    }
}

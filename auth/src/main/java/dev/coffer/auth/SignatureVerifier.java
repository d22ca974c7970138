package dev.coffer.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Computes the expected signature and compares it in constant time. */
final class SignatureVerifier {
    private SignatureVerifier() {}

    static String sign(byte[] signingKey, String stringToSign) {
        return Hex.encode(Crypto.hmac(signingKey, stringToSign));
    }

    static void verify(byte[] signingKey, String stringToSign, String claimed) throws AuthException {
        byte[] expected = sign(signingKey, stringToSign).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, claimed.getBytes(StandardCharsets.US_ASCII))) {
            throw new AuthException(AuthError.SIGNATURE_DOES_NOT_MATCH, "The request signature we "
                    + "calculated does not match the signature you provided. Check your key and signing method.");
        }
    }
}

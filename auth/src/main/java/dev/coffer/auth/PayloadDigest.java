package dev.coffer.auth;

import java.nio.ByteBuffer;
import java.security.MessageDigest;

/** Checks a streamed body against the hex SHA-256 given in x-amz-content-sha256. Not thread-safe. */
public final class PayloadDigest {
    private final String expectedHex;
    private final MessageDigest digest = Crypto.newSha256();

    public PayloadDigest(String expectedHex) {
        this.expectedHex = expectedHex;
    }

    /** Adds the remaining bytes of {@code data} without moving its position. */
    public void update(ByteBuffer data) {
        int position = data.position();
        digest.update(data);
        data.position(position);
    }

    /** @throws AuthException CONTENT_SHA256_MISMATCH if the body's hash differs */
    public void verify() throws AuthException {
        String actual = Hex.encode(digest.digest());
        // The hash is not secret (the client sent it), so a plain comparison is fine here.
        if (!actual.equalsIgnoreCase(expectedHex)) {
            throw new AuthException(AuthError.CONTENT_SHA256_MISMATCH,
                    "The provided 'x-amz-content-sha256' header does not match what was computed.");
        }
    }
}

package dev.coffer.auth;

import java.nio.ByteBuffer;

/** Checks a streamed body against the hex SHA-256 given in x-amz-content-sha256. */
public final class PayloadDigest {

    public PayloadDigest(String expectedHex) {
        throw new UnsupportedOperationException("to be written");
    }

    /** Adds the remaining bytes of {@code data} without moving its position. */
    public void update(ByteBuffer data) {
        throw new UnsupportedOperationException("to be written");
    }

    /** @throws AuthException CONTENT_SHA256_MISMATCH if the body's hash differs */
    public void verify() throws AuthException {
        throw new UnsupportedOperationException("to be written");
    }
}

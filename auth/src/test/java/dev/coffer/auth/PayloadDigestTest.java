package dev.coffer.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PayloadDigestTest {
    private static final String WELCOME_HASH = "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072";

    @Test
    void bodyFedInPiecesMatchesWithoutMovingBuffers() throws AuthException {
        PayloadDigest digest = new PayloadDigest(WELCOME_HASH.toUpperCase());
        ByteBuffer a = ByteBuffer.wrap("Welcome to ".getBytes(StandardCharsets.UTF_8));
        digest.update(a);
        assertEquals(0, a.position());
        digest.update(ByteBuffer.wrap("Amazon S3.".getBytes(StandardCharsets.UTF_8)));
        digest.verify();
    }

    @Test
    void differentBodyIsContentSha256Mismatch() {
        PayloadDigest digest = new PayloadDigest(WELCOME_HASH);
        digest.update(ByteBuffer.wrap("Welcome to Amazon S4.".getBytes(StandardCharsets.UTF_8)));
        assertEquals(AuthError.CONTENT_SHA256_MISMATCH, assertThrows(AuthException.class, digest::verify).error());
    }
}

package dev.coffer.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;

/**
 * Verifies chained aws-chunked signatures. Each chunk's string to sign is
 * <pre>
 * AWS4-HMAC-SHA256-PAYLOAD \n timestamp \n scope \n previous signature \n hex(sha256("")) \n hex(sha256(data))
 * </pre>
 * and the trailer's is
 * <pre>
 * AWS4-HMAC-SHA256-TRAILER \n timestamp \n scope \n previous signature \n hex(sha256(trailer lines))
 * </pre>
 * starting from the seed (the request signature). One keyed Mac and fixed buffers per upload:
 * nothing is allocated per chunk.
 */
final class ChunkSignatureChain {
    static final int SIGNATURE_HEX_LENGTH = 64;
    private static final byte[] EMPTY_HASH_LINE = (Crypto.EMPTY_SHA256 + "\n").getBytes(StandardCharsets.US_ASCII);

    private final Mac mac;
    private final byte[] payloadPrefix;
    private final byte[] trailerPrefix;
    private final byte[] previous = new byte[SIGNATURE_HEX_LENGTH];
    private final byte[] hashHex = new byte[SIGNATURE_HEX_LENGTH];
    private final byte[] raw = new byte[32];
    private final byte[] expected = new byte[SIGNATURE_HEX_LENGTH];

    ChunkSignatureChain(StreamingContext context) {
        this.mac = Crypto.newHmac(context.signingKey());
        String tail = "\n" + context.amzDate() + "\n" + context.scope() + "\n";
        this.payloadPrefix = ("AWS4-HMAC-SHA256-PAYLOAD" + tail).getBytes(StandardCharsets.UTF_8);
        this.trailerPrefix = ("AWS4-HMAC-SHA256-TRAILER" + tail).getBytes(StandardCharsets.UTF_8);
        byte[] seed = context.seedSignature().getBytes(StandardCharsets.US_ASCII);
        if (seed.length != SIGNATURE_HEX_LENGTH) {
            throw new IllegalArgumentException("seed signature must be 64 hex digits");
        }
        System.arraycopy(seed, 0, previous, 0, SIGNATURE_HEX_LENGTH);
    }

    /** True, and the chain advances, when {@code claimed[offset..offset+64)} signs this chunk. */
    boolean verifyChunk(byte[] dataSha256, byte[] claimed, int offset) {
        mac.update(payloadPrefix);
        mac.update(previous);
        mac.update((byte) '\n');
        mac.update(EMPTY_HASH_LINE);
        Hex.encodeInto(dataSha256, hashHex);
        mac.update(hashHex);
        return matches(claimed, offset);
    }

    /** True when {@code claimed[offset..offset+64)} signs the trailer lines hashed to {@code trailerSha256}. */
    boolean verifyTrailer(byte[] trailerSha256, byte[] claimed, int offset) {
        mac.update(trailerPrefix);
        mac.update(previous);
        mac.update((byte) '\n');
        Hex.encodeInto(trailerSha256, hashHex);
        mac.update(hashHex);
        return matches(claimed, offset);
    }

    /** Constant-time comparison; on success the claimed signature becomes the previous one. */
    private boolean matches(byte[] claimed, int offset) {
        try {
            mac.doFinal(raw, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("output buffer is sized for SHA-256", e);
        }
        Hex.encodeInto(raw, expected);
        int difference = 0;
        for (int i = 0; i < SIGNATURE_HEX_LENGTH; i++) {
            difference |= expected[i] ^ claimed[offset + i];
        }
        if (difference != 0) return false;
        System.arraycopy(expected, 0, previous, 0, SIGNATURE_HEX_LENGTH);
        return true;
    }
}

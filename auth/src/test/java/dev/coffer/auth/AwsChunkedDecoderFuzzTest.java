package dev.coffer.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * Fuzzes the aws-chunked decoder with and without trailers. The first byte of an input picks the
 * payload mode (its low two bits) and the second how the body is fed (0: in one piece, n: in
 * pieces of n bytes); the rest is the body. In the signed modes the body is first re-signed by
 * {@link ChunkSigner}, so mutations reach the framing after the first chunk instead of all
 * failing its signature. Seeds: AWS's chunked and trailer examples and small bodies in each mode,
 * in {@code AwsChunkedDecoderFuzzTestInputs/decode}.
 *
 * <p>Accepted outcomes: the decoded payload, or an AuthException with INCOMPLETE_BODY or
 * SIGNATURE_DOES_NOT_MATCH — the same outcome whether the body comes in one piece or in many.
 * Anything else (another exception, output that differs by how it was fed, a decoded length that
 * disagrees with the bytes handed on) fails.
 */
class AwsChunkedDecoderFuzzTest {
    private static final Set<AuthError> REFUSALS = Set.of(AuthError.INCOMPLETE_BODY, AuthError.SIGNATURE_DOES_NOT_MATCH);
    /** The seed signature and scope of AWS's chunked example, whose body seeds the signed modes. */
    private static final StreamingContext AWS_EXAMPLE = new StreamingContext(
            SigningKeyCache.derive(Requests.SECRET, "20130524", "us-east-1", "s3"), "20130524T000000Z",
            "20130524/us-east-1/s3/aws4_request", "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9");

    @FuzzTest
    void decode(byte[] input) throws Exception {
        if (input.length < 2) return;
        PayloadMode.Streaming mode = switch (input[0] & 3) {
            case 0 -> new PayloadMode.Streaming(null, true); // STREAMING-UNSIGNED-PAYLOAD-TRAILER
            case 1 -> new PayloadMode.Streaming(AWS_EXAMPLE, false); // STREAMING-AWS4-HMAC-SHA256-PAYLOAD
            case 2 -> new PayloadMode.Streaming(AWS_EXAMPLE, true); // ...-PAYLOAD-TRAILER
            default -> new PayloadMode.Streaming(null, false); // unsigned, no trailer
        };
        int piece = input[1] & 0xFF;
        byte[] body = Arrays.copyOfRange(input, 2, input.length);
        if (mode.context() != null) body = ChunkSigner.resign(body, mode.context());

        Outcome whole = run(mode, body, body.length);
        Outcome pieces = run(mode, body, piece == 0 ? body.length : piece);
        assertEquals(whole.error, pieces.error, "same refusal however the body is fed");
        assertArrayEquals(whole.payload, pieces.payload, "same payload however the body is fed");
        assertEquals(whole.trailers, pieces.trailers);
        if (whole.error != null) assertTrue(REFUSALS.contains(whole.error), "unexpected refusal " + whole.error);
    }

    private record Outcome(AuthError error, byte[] payload, Map<String, String> trailers) {}

    private static Outcome run(PayloadMode.Streaming mode, byte[] body, int piece) {
        AwsChunkedDecoder decoder = new AwsChunkedDecoder(mode);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            for (int off = 0; off < body.length; off += piece) {
                decoder.feed(ByteBuffer.wrap(body, off, Math.min(piece, body.length - off)), b -> {
                    byte[] copy = new byte[b.remaining()];
                    b.get(copy);
                    out.writeBytes(copy);
                });
            }
            Map<String, String> trailers = decoder.finish();
            assertEquals(out.size(), decoder.decodedLength(), "decodedLength counts the bytes handed on");
            return new Outcome(null, out.toByteArray(), trailers);
        } catch (AuthException e) {
            // Bytes handed on before a refusal are not confirmed; only the refusal is compared.
            return new Outcome(e.error(), new byte[0], Map.of());
        }
    }
}

package dev.coffer.auth;

import static dev.coffer.auth.AwsStreamingExamplesTest.chunkedExample;
import static dev.coffer.auth.AwsStreamingExamplesTest.chunkedExampleBody;
import static dev.coffer.auth.AwsStreamingExamplesTest.decoderFor;
import static dev.coffer.auth.ChunkedBodies.concat;
import static dev.coffer.auth.ChunkedBodies.decodeAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Framing and signature edge cases of aws-chunked bodies. */
class AwsChunkedDecoderTest {
    private static final PayloadMode.Streaming UNSIGNED_TRAILER = new PayloadMode.Streaming(null, true);

    private static StreamingContext context() {
        return new StreamingContext(SigningKeyCache.derive("secret", "20240101", "us-east-1", "s3"),
                "20240101T000000Z", "20240101/us-east-1/s3/aws4_request", "0123456789abcdef".repeat(4));
    }

    private static AuthError errorOf(AwsChunkedDecoder decoder, byte[] body) {
        return assertThrows(AuthException.class, () -> {
            decodeAll(decoder, body);
            decoder.finish();
        }).error();
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    @Test
    void forgedChunkSignatureIsRejected() throws Exception {
        byte[] body = chunkedExampleBody();
        String text = new String(body, StandardCharsets.ISO_8859_1).replace("0055627c", "1155627c");
        assertEquals(AuthError.SIGNATURE_DOES_NOT_MATCH,
                errorOf(decoderFor(chunkedExample()), text.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void alteredChunkDataIsRejectedBeforeFinish() throws AuthException {
        byte[] body = chunkedExampleBody();
        body[200] = 'b';
        AwsChunkedDecoder decoder = decoderFor(chunkedExample());
        assertEquals(AuthError.SIGNATURE_DOES_NOT_MATCH, errorOf(decoder, body));
    }

    @Test
    void forgedFinalChunkSignatureIsRejected() throws Exception {
        String text = new String(chunkedExampleBody(), StandardCharsets.ISO_8859_1).replace("b6c6ea8a", "b6c6ea8b");
        assertEquals(AuthError.SIGNATURE_DOES_NOT_MATCH,
                errorOf(decoderFor(chunkedExample()), text.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void truncatedChunkedBodyIsIncompleteBody() throws Exception {
        byte[] body = chunkedExampleBody();
        for (int cut : new int[] {0, 10, 100, 65_000, body.length - 90, body.length - 2, body.length - 1}) {
            assertEquals(AuthError.INCOMPLETE_BODY, errorOf(decoderFor(chunkedExample()), Arrays.copyOf(body, cut)),
                    "cut at " + cut);
        }
    }

    @Test
    void dataAfterTheFinalChunkIsIncompleteBody() throws Exception {
        byte[] body = chunkedExampleBody();
        byte[] longer = Arrays.copyOf(body, body.length + 1);
        longer[body.length] = 'x';
        assertEquals(AuthError.INCOMPLETE_BODY, errorOf(decoderFor(chunkedExample()), longer));
    }

    @Test
    void chunkHeaderLongerThanFourKibIsIncompleteBody() throws Exception {
        byte[] body = concat("5;", "x".repeat(5000), "\r\nhello\r\n0\r\n\r\n");
        assertEquals(AuthError.INCOMPLETE_BODY, errorOf(new AwsChunkedDecoder(UNSIGNED_TRAILER), body));
    }

    @Test
    void malformedFramingIsIncompleteBody() throws Exception {
        for (String bad : new String[] {"zz\r\nhello\r\n0\r\n\r\n", "5\nhello\r\n0\r\n\r\n", "5\r\nhelloXX0\r\n\r\n",
                "\r\n", "5\r\nhello\r\n0\r\nno-colon-line\r\n\r\n", "10000000000000000\r\n"}) {
            assertEquals(AuthError.INCOMPLETE_BODY,
                    errorOf(new AwsChunkedDecoder(UNSIGNED_TRAILER), concat(bad)), bad);
        }
    }

    @Test
    void signedChunkWithoutSignatureIsIncompleteBody() throws Exception {
        assertEquals(AuthError.INCOMPLETE_BODY,
                errorOf(decoderFor(chunkedExample()), concat("5\r\nhello\r\n0\r\n\r\n")));
    }

    @Test
    void failedDecoderKeepsFailing() throws Exception {
        AwsChunkedDecoder decoder = new AwsChunkedDecoder(UNSIGNED_TRAILER);
        assertThrows(AuthException.class, () -> decoder.feed(ByteBuffer.wrap(concat("zz\r\n")), b -> { }));
        assertThrows(AuthException.class, () -> decoder.feed(ByteBuffer.wrap(concat("0\r\n\r\n")), b -> { }));
        assertThrows(AuthException.class, decoder::finish);
    }

    @Test
    void unsignedTrailerBodyDecodesWithTrailers() throws Exception {
        byte[] data = randomBytes(200_000);
        Map<String, String> trailers = Map.of("x-amz-checksum-crc32", "AAAAAA==");
        byte[] body = ChunkedBodies.encode(null, data, 65_536, trailers);
        for (long seed = 0; seed < 5; seed++) {
            AwsChunkedDecoder decoder = new AwsChunkedDecoder(UNSIGNED_TRAILER);
            assertArrayEquals(data, ChunkedBodies.decode(decoder, body, ChunkedBodies.randomSplits(seed, 3000)));
            assertEquals(trailers, decoder.finish());
        }
    }

    @Test
    void unsignedTrailerBodyWithUpperCaseHexSizeDecodes() throws AuthException {
        AwsChunkedDecoder decoder = new AwsChunkedDecoder(UNSIGNED_TRAILER);
        byte[] data = ChunkedBodies.repeat('q', 0x1A);
        assertArrayEquals(data, decodeAll(decoder, concat("1A\r\n", "q".repeat(0x1A), "\r\n0\r\n\r\n")));
        assertEquals(Map.of(), decoder.finish());
    }

    @Test
    void signedBodyWithTrailerDecodesOneByteAtATime() throws Exception {
        byte[] data = randomBytes(70_000);
        Map<String, String> trailers = new LinkedHashMap<>();
        trailers.put("x-amz-checksum-sha256", "n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=");
        byte[] body = ChunkedBodies.encode(context(), data, 8192, trailers);
        AwsChunkedDecoder decoder = new AwsChunkedDecoder(new PayloadMode.Streaming(context(), true));
        assertArrayEquals(data, ChunkedBodies.decode(decoder, body, off -> 1));
        assertEquals(trailers, decoder.finish());
    }

    @Test
    void signedTrailerModeWithoutTrailerSignatureIsRejected() throws Exception {
        byte[] body = ChunkedBodies.encode(null, randomBytes(10), 8192, Map.of("x-amz-checksum-crc32", "AAAAAA=="));
        String text = new String(body, StandardCharsets.ISO_8859_1);
        // Re-sign only the chunks: take a signed body without trailer and splice the unsigned trailer in.
        byte[] signed = ChunkedBodies.encode(context(), randomBytes(10), 8192, null);
        String signedText = new String(signed, StandardCharsets.ISO_8859_1);
        String spliced = signedText.substring(0, signedText.length() - 2) + text.substring(text.indexOf("x-amz-checksum"));
        AwsChunkedDecoder decoder = new AwsChunkedDecoder(new PayloadMode.Streaming(context(), true));
        assertEquals(AuthError.SIGNATURE_DOES_NOT_MATCH, errorOf(decoder, spliced.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void trailersOnABodyDeclaredWithoutTrailerAreRejected() throws Exception {
        byte[] body = ChunkedBodies.encode(null, randomBytes(10), 8192, Map.of("x-amz-checksum-crc32", "AAAAAA=="));
        assertEquals(AuthError.INCOMPLETE_BODY, errorOf(new AwsChunkedDecoder(new PayloadMode.Streaming(null, false)), body));
    }

    @Test
    void decodedSlicesDoNotMoveTheCallersBuffer() throws AuthException {
        AwsChunkedDecoder decoder = new AwsChunkedDecoder(UNSIGNED_TRAILER);
        ByteBuffer in = ByteBuffer.wrap(concat("5\r\nhello\r\n0\r\n\r\n"));
        StringBuilder seen = new StringBuilder();
        decoder.feed(in, b -> seen.append(StandardCharsets.US_ASCII.decode(b)));
        assertEquals("hello", seen.toString());
        assertEquals(0, in.remaining());
        decoder.finish();
    }
}

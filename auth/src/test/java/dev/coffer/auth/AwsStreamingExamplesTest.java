package dev.coffer.auth;

import static dev.coffer.auth.ChunkedBodies.concat;
import static dev.coffer.auth.ChunkedBodies.decode;
import static dev.coffer.auth.ChunkedBodies.randomSplits;
import static dev.coffer.auth.ChunkedBodies.repeat;
import static dev.coffer.auth.Requests.EXAMPLE_TIME;
import static dev.coffer.auth.Requests.authenticator;
import static dev.coffer.auth.Requests.authorization;
import static dev.coffer.auth.Requests.request;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * AWS's "Transfer Payload in Multiple Chunks" example and its trailing-header sibling: 65 KiB of
 * 'a' as a 64 KiB chunk, a 1 KiB chunk and the final empty chunk.
 */
class AwsStreamingExamplesTest {
    private static final String A64K = new String(repeat('a', 65536), java.nio.charset.StandardCharsets.ISO_8859_1);
    private static final String A1K = A64K.substring(0, 1024);

    static SignedRequest chunkedExample() {
        return request("PUT", "/examplebucket/chunkObject.txt", "",
                "Host", "s3.amazonaws.com", "x-amz-date", "20130524T000000Z",
                "x-amz-storage-class", "REDUCED_REDUNDANCY",
                "x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
                "Content-Encoding", "aws-chunked", "x-amz-decoded-content-length", "66560",
                "Content-Length", "66824",
                "Authorization", authorization("content-encoding;content-length;host;x-amz-content-sha256;"
                        + "x-amz-date;x-amz-decoded-content-length;x-amz-storage-class",
                        "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9"));
    }

    static byte[] chunkedExampleBody() {
        return concat(
                "10000;chunk-signature=ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648\r\n", A64K, "\r\n",
                "400;chunk-signature=0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497\r\n", A1K, "\r\n",
                "0;chunk-signature=b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9\r\n\r\n");
    }

    static SignedRequest trailerExample() {
        return request("PUT", "/examplebucket/chunkObject.txt", "",
                "Host", "s3.amazonaws.com", "x-amz-date", "20130524T000000Z",
                "x-amz-storage-class", "REDUCED_REDUNDANCY",
                "x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER",
                "Content-Encoding", "aws-chunked", "x-amz-decoded-content-length", "66560",
                "x-amz-trailer", "x-amz-checksum-crc32c",
                "Authorization", authorization("content-encoding;host;x-amz-content-sha256;x-amz-date;"
                        + "x-amz-decoded-content-length;x-amz-storage-class;x-amz-trailer",
                        "106e2a8a18243abcf37539882f36619c00e2dfc72633413f02d3b74544bfeb8e"));
    }

    static byte[] trailerExampleBody(String trailerSignature) {
        return concat(
                "10000;chunk-signature=b474d8862b1487a5145d686f57f013e54db672cee1c953b3010fb58501ef5aa2\r\n", A64K, "\r\n",
                "400;chunk-signature=1c1344b170168f8e65b41376b44b20fe354e373826ccbbe2c1d40a8cae51e5c7\r\n", A1K, "\r\n",
                "0;chunk-signature=2ca2aba2005185cf7159c6277faf83795951dd77a3a99e6e65d5c9f85863f992\r\n",
                "x-amz-checksum-crc32c:sOO8/Q==\r\n",
                "x-amz-trailer-signature:" + trailerSignature + "\r\n\r\n");
    }

    static final String TRAILER_SIGNATURE = "d81f82fc3505edab99d459891051a732e8730629a2e4a59689829ca17fe2e435";

    @Test
    void chunkedExampleSeedSignatureVerifies() throws AuthException {
        AuthResult result = authenticator(EXAMPLE_TIME).authenticate(chunkedExample());
        PayloadMode.Streaming mode = (PayloadMode.Streaming) result.payload();
        assertEquals(false, mode.trailer());
        assertEquals("4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9", mode.context().seedSignature());
        assertEquals("20130524/us-east-1/s3/aws4_request", mode.context().scope());
    }

    @Test
    void chunkedExampleBodyDecodesInOneFeed() throws AuthException {
        assertDecodes(chunkedExample(), chunkedExampleBody(), off -> Integer.MAX_VALUE);
    }

    @Test
    void chunkedExampleBodyDecodesOneByteAtATime() throws AuthException {
        assertDecodes(chunkedExample(), chunkedExampleBody(), off -> 1);
    }

    @Test
    void chunkedExampleBodyDecodesAtRandomSplits() throws AuthException {
        for (long seed = 0; seed < 20; seed++) {
            assertDecodes(chunkedExample(), chunkedExampleBody(), randomSplits(seed, seed % 2 == 0 ? 7 : 9000));
        }
    }

    @Test
    void trailerExampleSeedSignatureVerifies() throws AuthException {
        PayloadMode.Streaming mode =
                (PayloadMode.Streaming) authenticator(EXAMPLE_TIME).authenticate(trailerExample()).payload();
        assertTrue(mode.trailer());
    }

    @Test
    void trailerExampleBodyDecodesWithItsChecksumTrailer() throws AuthException {
        Map<String, String> trailers = assertDecodes(trailerExample(), trailerExampleBody(TRAILER_SIGNATURE), off -> 1);
        assertEquals(Map.of("x-amz-checksum-crc32c", "sOO8/Q=="), trailers);
    }

    @Test
    void trailerExampleWithWrongTrailerSignatureIsRejected() throws AuthException {
        AwsChunkedDecoder decoder = decoderFor(trailerExample());
        byte[] body = trailerExampleBody(TRAILER_SIGNATURE.replace('d', 'e'));
        AuthException e = assertThrows(AuthException.class, () -> ChunkedBodies.decodeAll(decoder, body));
        assertEquals(AuthError.SIGNATURE_DOES_NOT_MATCH, e.error());
        assertThrows(AuthException.class, decoder::finish);
    }

    @Test
    void trailerExampleWithAlteredChecksumIsRejected() throws AuthException {
        AwsChunkedDecoder decoder = decoderFor(trailerExample());
        byte[] body = trailerExampleBody(TRAILER_SIGNATURE);
        String text = new String(body, java.nio.charset.StandardCharsets.ISO_8859_1).replace("sOO8/Q==", "AAAAAA==");
        AuthException e = assertThrows(AuthException.class,
                () -> ChunkedBodies.decodeAll(decoder, text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
        assertEquals(AuthError.SIGNATURE_DOES_NOT_MATCH, e.error());
    }

    @Test
    void trailerNamesInAnyCaseAndSpaceAfterColonAreAccepted() throws AuthException {
        byte[] body = trailerExampleBody(TRAILER_SIGNATURE);
        String text = new String(body, java.nio.charset.StandardCharsets.ISO_8859_1)
                .replace("x-amz-checksum-crc32c:sOO8/Q==", "X-Amz-Checksum-Crc32c:  sOO8/Q==")
                .replace("x-amz-trailer-signature:", "X-Amz-Trailer-Signature: ");
        Map<String, String> trailers = assertDecodes(trailerExample(),
                text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), randomSplits(3, 50));
        assertEquals("sOO8/Q==", trailers.get("x-amz-checksum-crc32c"));
    }

    static AwsChunkedDecoder decoderFor(SignedRequest request) throws AuthException {
        return new AwsChunkedDecoder((PayloadMode.Streaming) authenticator(EXAMPLE_TIME).authenticate(request).payload());
    }

    private static Map<String, String> assertDecodes(SignedRequest request, byte[] body,
            java.util.function.IntUnaryOperator sizes) throws AuthException {
        AwsChunkedDecoder decoder = decoderFor(request);
        byte[] decoded = decode(decoder, body, sizes);
        Map<String, String> trailers = decoder.finish();
        assertArrayEquals(repeat('a', 66560), decoded);
        assertEquals(66560, decoder.decodedLength());
        return trailers;
    }
}

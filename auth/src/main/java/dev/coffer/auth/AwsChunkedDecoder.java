package dev.coffer.auth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Push decoder of an aws-chunked body ({@code <hex-size>[;chunk-signature=<sig>]\r\n<data>\r\n ...
 * 0[;chunk-signature=...]\r\n[trailers]\r\n}). Checks every chunk signature (when signed), and the
 * trailer signature (x-amz-trailer-signature) when signed with trailer. Holds at most one line of
 * framing plus a bounded buffer; payload bytes are handed on as they arrive, but a chunk's bytes
 * are not confirmed until its signature is checked, so callers must not commit before
 * {@link #finish()} returns. Not thread-safe.
 *
 * <p>Errors: a wrong chunk or trailer signature is SIGNATURE_DOES_NOT_MATCH; every framing fault
 * (bad size line, over-long line, missing CRLF, data after the final chunk, body ending early) is
 * INCOMPLETE_BODY, the code S3 gives a body that does not match its framing. After one failure
 * every later call throws the same exception.
 */
public final class AwsChunkedDecoder {
    private static final byte[] SIGNATURE_EXTENSION = ";chunk-signature=".getBytes(StandardCharsets.US_ASCII);
    /** 15 hex digits cannot overflow a long; real chunks are at most a few MiB. */
    private static final int MAX_SIZE_DIGITS = 15;

    private enum State { SIZE_LINE, DATA, DATA_CR, DATA_LF, TRAILER_LINES, DONE }

    private final ChunkSignatureChain chain;
    private final boolean trailer;
    private final MessageDigest digest = Crypto.newSha256();
    private final byte[] hash = new byte[32];
    private final FramingLine line = new FramingLine();
    private State state = State.SIZE_LINE;
    private long remaining;
    private int signatureOffset;
    private long decodedLength;
    private TrailerSection trailers;
    private Map<String, String> trailerHeaders = Map.of();
    private AuthException failure;

    public AwsChunkedDecoder(PayloadMode.Streaming mode) {
        this.chain = mode.context() == null ? null : new ChunkSignatureChain(mode.context());
        this.trailer = mode.trailer();
    }

    /** Consumes all of {@code in}; passes decoded payload slices to {@code out}. */
    public void feed(ByteBuffer in, Consumer<ByteBuffer> out) throws AuthException {
        if (failure != null) throw failure;
        try {
            while (in.hasRemaining()) {
                switch (state) {
                    case SIZE_LINE -> { if (line.read(in)) onSizeLine(); }
                    case DATA -> readData(in, out);
                    case DATA_CR -> expect(in.get(), '\r', State.DATA_LF);
                    case DATA_LF -> expect(in.get(), '\n', State.SIZE_LINE);
                    case TRAILER_LINES -> { if (line.read(in)) onTrailerLine(); }
                    case DONE -> throw malformed("data after the final chunk");
                }
            }
        } catch (AuthException e) {
            failure = e;
            throw e;
        }
    }

    /**
     * Call at end of body.
     *
     * @return the trailing headers (lower-case names), empty when none
     * @throws AuthException INCOMPLETE_BODY if the final chunk was not seen
     */
    public Map<String, String> finish() throws AuthException {
        if (failure != null) throw failure;
        if (state != State.DONE) {
            failure = new AuthException(AuthError.INCOMPLETE_BODY,
                    "The request body terminated unexpectedly (aws-chunked body without its final chunk).");
            throw failure;
        }
        return trailerHeaders;
    }

    /** Total decoded payload bytes so far. */
    public long decodedLength() {
        return decodedLength;
    }

    static AuthException malformed(String detail) {
        return new AuthException(AuthError.INCOMPLETE_BODY, "Malformed aws-chunked body: " + detail + ".");
    }

    private void onSizeLine() throws AuthException {
        long size = parseSizeLine();
        digest.reset();
        if (size > 0) {
            remaining = size;
            state = State.DATA;
            return;
        }
        verifyChunk(); // the final chunk is signed over empty data
        trailers = new TrailerSection(trailer ? chain : null, digest);
        state = State.TRAILER_LINES;
    }

    private void readData(ByteBuffer in, Consumer<ByteBuffer> out) throws AuthException {
        int n = (int) Math.min(remaining, in.remaining());
        ByteBuffer part = in.slice().limit(n);
        digest.update(part);
        part.position(0);
        in.position(in.position() + n);
        remaining -= n;
        decodedLength += n;
        out.accept(part);
        if (remaining == 0) {
            verifyChunk();
            state = State.DATA_CR;
        }
    }

    private void onTrailerLine() throws AuthException {
        if (line.length == 0) {
            trailerHeaders = trailers.end();
            state = State.DONE;
        } else if (!trailer) {
            throw malformed("trailing headers on a body declared without a trailer");
        } else {
            trailers.line(line);
        }
    }

    /** {@code hex-size[;chunk-signature=sig]}; unsigned bodies may carry other extensions, ignored. */
    private long parseSizeLine() throws AuthException {
        int end = line.indexOf((byte) ';', 0);
        if (end < 0) end = line.length;
        if (end == 0 || end > MAX_SIZE_DIGITS) throw malformed("bad chunk size");
        long size = 0;
        for (int i = 0; i < end; i++) {
            int d = Hex.digit(line.bytes[i]);
            if (d < 0) throw malformed("bad chunk size");
            size = size << 4 | d;
        }
        if (chain != null) {
            signatureOffset = end + SIGNATURE_EXTENSION.length;
            if (!line.regionEquals(end, SIGNATURE_EXTENSION)) throw malformed("chunk without chunk-signature");
            if (line.length - signatureOffset != ChunkSignatureChain.SIGNATURE_HEX_LENGTH) {
                throw chunkSignatureMismatch();
            }
        }
        return size;
    }

    private void verifyChunk() throws AuthException {
        if (chain == null) return;
        try {
            digest.digest(hash, 0, hash.length);
        } catch (DigestException e) {
            throw new IllegalStateException("buffer is sized for SHA-256", e);
        }
        if (!chain.verifyChunk(hash, line.bytes, signatureOffset)) throw chunkSignatureMismatch();
    }

    private void expect(byte actual, char expected, State next) throws AuthException {
        if (actual != expected) throw malformed("chunk data not followed by CRLF");
        state = next;
    }

    private static AuthException chunkSignatureMismatch() {
        return new AuthException(AuthError.SIGNATURE_DOES_NOT_MATCH,
                "The chunk signature we calculated does not match the signature you provided.");
    }
}

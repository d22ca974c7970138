package dev.coffer.auth;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Push decoder of an aws-chunked body ({@code <hex-size>[;chunk-signature=<sig>]\r\n<data>\r\n ...
 * 0[;chunk-signature=...]\r\n[trailers]\r\n}). Checks every chunk signature (when signed), and the
 * trailer signature (x-amz-trailer-signature) when signed with trailer. Holds at most one line of
 * framing plus a bounded buffer; payload bytes are handed on as they arrive, but a chunk's bytes
 * are not confirmed until its signature is checked, so callers must not commit before
 * {@link #finish()} returns. Not thread-safe.
 */
public final class AwsChunkedDecoder {

    public AwsChunkedDecoder(PayloadMode.Streaming mode) {
        throw new UnsupportedOperationException("to be written");
    }

    /** Consumes all of {@code in}; passes decoded payload slices to {@code out}. */
    public void feed(ByteBuffer in, Consumer<ByteBuffer> out) throws AuthException {
        throw new UnsupportedOperationException("to be written");
    }

    /**
     * Call at end of body.
     *
     * @return the trailing headers (lower-case names), empty when none
     * @throws AuthException INCOMPLETE_BODY if the final chunk was not seen
     */
    public Map<String, String> finish() throws AuthException {
        throw new UnsupportedOperationException("to be written");
    }

    /** Total decoded payload bytes so far. */
    public long decodedLength() {
        throw new UnsupportedOperationException("to be written");
    }
}

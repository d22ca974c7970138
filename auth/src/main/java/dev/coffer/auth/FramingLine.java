package dev.coffer.auth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One CRLF-terminated framing line of an aws-chunked body (a chunk header or a trailer), gathered
 * across any number of feeds into a fixed buffer. Lines longer than {@link #MAX_LENGTH} and bare
 * CR or LF are framing errors.
 */
final class FramingLine {
    /** Why 4 KiB: a signed chunk header is under 100 bytes and trailers are short checksums. */
    static final int MAX_LENGTH = 4096;

    final byte[] bytes = new byte[MAX_LENGTH];
    int length;
    private boolean sawCr;
    private boolean complete;

    /**
     * Consumes bytes up to and including the line's LF.
     *
     * @return true when the line is complete (its content is {@code bytes[0..length)})
     */
    boolean read(ByteBuffer in) throws AuthException {
        if (complete) {
            length = 0;
            complete = false;
        }
        while (in.hasRemaining()) {
            byte b = in.get();
            if (sawCr) {
                if (b != '\n') throw AwsChunkedDecoder.malformed("CR not followed by LF in a chunk header");
                sawCr = false;
                complete = true;
                return true;
            }
            if (b == '\r') {
                sawCr = true;
            } else if (b == '\n') {
                throw AwsChunkedDecoder.malformed("bare LF in a chunk header");
            } else if (length == MAX_LENGTH) {
                throw AwsChunkedDecoder.malformed("chunk header or trailer line longer than " + MAX_LENGTH + " bytes");
            } else {
                bytes[length++] = b;
            }
        }
        return false;
    }

    /** True when a line is partly read (the body must not end here). */
    boolean inProgress() {
        return !complete && (length > 0 || sawCr);
    }

    int indexOf(byte b, int from) {
        for (int i = from; i < length; i++) {
            if (bytes[i] == b) return i;
        }
        return -1;
    }

    boolean regionEquals(int offset, byte[] expected) {
        if (offset + expected.length > length) return false;
        for (int i = 0; i < expected.length; i++) {
            if (bytes[offset + i] != expected[i]) return false;
        }
        return true;
    }

    String text(int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.UTF_8);
    }
}

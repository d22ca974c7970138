package dev.coffer.auth;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Re-signs an aws-chunked body, so that fuzzed bodies reach past the first chunk signature: every
 * {@code <hex>;chunk-signature=<64 chars>} header whose data is all there gets the signature AWS's
 * algorithm gives for that data (chained from the previous one), and an
 * {@code x-amz-trailer-signature} line the signature of the trailer lines before it. Written from
 * AWS's documentation, apart from the decoder; anything it cannot read is copied as it is, for the
 * decoder to refuse.
 */
final class ChunkSigner {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final String EXTENSION = ";chunk-signature=";

    private ChunkSigner() {}

    static byte[] resign(byte[] body, StreamingContext ctx) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length);
        String previous = ctx.seedSignature();
        int pos = 0;
        while (true) {
            int eol = indexOfCrlf(body, pos);
            if (eol < 0) break;
            String line = new String(body, pos, eol - pos, StandardCharsets.ISO_8859_1);
            int ext = line.indexOf(EXTENSION);
            long size = ext < 0 ? -1 : hexSize(line.substring(0, ext));
            int dataStart = eol + 2;
            if (size < 0 || line.length() - ext - EXTENSION.length() != 64 || dataStart + size > body.length) break;
            byte[] data = Arrays.copyOfRange(body, dataStart, dataStart + (int) size);
            previous = ChunkedBodies.hmacHex(ctx.signingKey(), "AWS4-HMAC-SHA256-PAYLOAD\n" + ctx.amzDate() + "\n"
                    + ctx.scope() + "\n" + previous + "\n" + ChunkedBodies.sha256Hex(new byte[0]) + "\n"
                    + ChunkedBodies.sha256Hex(data));
            out.writeBytes((line.substring(0, ext) + EXTENSION + previous).getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes(CRLF);
            out.writeBytes(data);
            pos = dataStart + (int) size;
            if (size == 0) {
                pos = resignTrailers(body, pos, ctx, previous, out);
                break;
            }
        }
        out.write(body, pos, body.length - pos);
        return out.toByteArray();
    }

    /** The trailer lines after the final chunk, up to the empty line; returns where it stopped. */
    private static int resignTrailers(byte[] body, int pos, StreamingContext ctx, String previous,
            ByteArrayOutputStream out) throws Exception {
        StringBuilder canonical = new StringBuilder();
        while (true) {
            int eol = indexOfCrlf(body, pos);
            if (eol <= pos) return pos; // no more lines, or the empty line (copied by the caller)
            String line = new String(body, pos, eol - pos, StandardCharsets.UTF_8);
            int colon = line.indexOf(':');
            String name = colon < 0 ? "" : line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            if (name.equals("x-amz-trailer-signature")) {
                String signature = ChunkedBodies.hmacHex(ctx.signingKey(), "AWS4-HMAC-SHA256-TRAILER\n" + ctx.amzDate()
                        + "\n" + ctx.scope() + "\n" + previous + "\n"
                        + ChunkedBodies.sha256Hex(canonical.toString().getBytes(StandardCharsets.UTF_8)));
                out.writeBytes(("x-amz-trailer-signature:" + signature).getBytes(StandardCharsets.US_ASCII));
            } else {
                if (colon > 0) canonical.append(name).append(':').append(line.substring(colon + 1).trim()).append('\n');
                out.write(body, pos, eol - pos);
            }
            out.writeBytes(CRLF);
            pos = eol + 2;
        }
    }

    private static long hexSize(String digits) {
        if (digits.isEmpty() || digits.length() > 6) return -1; // sizes the fuzzer can fill: under 16 MiB
        try {
            return Long.parseLong(digits, 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static int indexOfCrlf(byte[] b, int from) {
        for (int i = from; i + 1 < b.length; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n') return i;
        }
        return -1;
    }
}

package dev.coffer.auth;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Hex;

/** Builds and feeds aws-chunked bodies, signing them independently of the code under test. */
final class ChunkedBodies {
    private ChunkedBodies() {}

    /** Signs chunks (and the trailer) as AWS documents; null context means unsigned. */
    static byte[] encode(StreamingContext ctx, byte[] data, int chunkSize, Map<String, String> trailers) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String previous = ctx == null ? null : ctx.seedSignature();
        for (int off = 0, n; ; off += n) {
            n = Math.min(chunkSize, data.length - off);
            byte[] chunk = Arrays.copyOfRange(data, off, off + n);
            String header = Integer.toHexString(n);
            if (ctx != null) {
                previous = hmacHex(ctx.signingKey(), "AWS4-HMAC-SHA256-PAYLOAD\n" + ctx.amzDate() + "\n" + ctx.scope()
                        + "\n" + previous + "\n" + sha256Hex(new byte[0]) + "\n" + sha256Hex(chunk));
                header += ";chunk-signature=" + previous;
            }
            out.write((header + "\r\n").getBytes(StandardCharsets.US_ASCII));
            if (n == 0) break;
            out.write(chunk);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        if (trailers != null) {
            StringBuilder canonical = new StringBuilder();
            for (Map.Entry<String, String> t : trailers.entrySet()) {
                out.write((t.getKey() + ":" + t.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
                canonical.append(t.getKey()).append(':').append(t.getValue()).append('\n');
            }
            if (ctx != null) {
                String sig = hmacHex(ctx.signingKey(), "AWS4-HMAC-SHA256-TRAILER\n" + ctx.amzDate() + "\n"
                        + ctx.scope() + "\n" + previous + "\n"
                        + sha256Hex(canonical.toString().getBytes(StandardCharsets.UTF_8)));
                out.write(("x-amz-trailer-signature:" + sig + "\r\n").getBytes(StandardCharsets.US_ASCII));
            }
        }
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** Feeds {@code body} in pieces whose sizes {@code sizes} picks; returns the decoded payload. */
    static byte[] decode(AwsChunkedDecoder decoder, byte[] body, java.util.function.IntUnaryOperator sizes)
            throws AuthException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int off = 0;
        while (off < body.length) {
            int n = Math.min(body.length - off, Math.max(1, sizes.applyAsInt(off)));
            decoder.feed(ByteBuffer.wrap(body, off, n), b -> {
                byte[] copy = new byte[b.remaining()];
                b.get(copy);
                out.write(copy, 0, copy.length);
            });
            off += n;
        }
        return out.toByteArray();
    }

    static byte[] decodeAll(AwsChunkedDecoder decoder, byte[] body) throws AuthException {
        return decode(decoder, body, off -> body.length);
    }

    static java.util.function.IntUnaryOperator randomSplits(long seed, int max) {
        Random random = new Random(seed);
        return off -> 1 + random.nextInt(max);
    }

    static byte[] repeat(char c, int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) c);
        return b;
    }

    static byte[] concat(String... parts) {
        return String.join("", parts).getBytes(StandardCharsets.ISO_8859_1);
    }

    static String hmacHex(byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return Hex.encodeHexString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    }

    static String sha256Hex(byte[] data) throws Exception {
        return Hex.encodeHexString(MessageDigest.getInstance("SHA-256").digest(data));
    }
}

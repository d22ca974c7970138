package dev.coffer.api.tagging;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * Strict application/x-www-form-urlencoded decoding of one x-amz-tagging key or value: {@code +}
 * is a space, {@code %XX} a byte, and the bytes must be UTF-8. Raw non-ASCII bytes, which the HTTP
 * layer hands over as ISO-8859-1 chars, are those bytes.
 */
final class FormDecoding {
    private FormDecoding() {}

    /** The decoded text, or null for a malformed escape or bytes that are not UTF-8. */
    static String decode(String raw) {
        boolean latin1 = raw.chars().allMatch(c -> c <= 0xFF);
        byte[] in = raw.getBytes(latin1 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        for (int i = 0; i < in.length; i++) {
            byte b = in[i];
            if (b == '+') {
                out.write(' ');
            } else if (b == '%') {
                if (i + 2 >= in.length) return null;
                int hi = Character.digit(in[i + 1], 16);
                int lo = Character.digit(in[i + 2], 16);
                if (hi < 0 || lo < 0) return null;
                out.write(hi << 4 | lo);
                i += 2;
            } else {
                out.write(b);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(out.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}

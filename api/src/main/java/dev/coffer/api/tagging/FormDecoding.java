package dev.coffer.api.tagging;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * Strict application/x-www-form-urlencoded decoding of one x-amz-tagging key or value: {@code +}
 * is a space, {@code %XX} a byte, and the escaped bytes must be UTF-8. Raw non-ASCII bytes, which
 * the HTTP layer hands over as ISO-8859-1 chars, are read as UTF-8 when they are UTF-8 and kept as
 * ISO-8859-1 otherwise, as {@link dev.coffer.api.http.HeaderText} reads other header values.
 */
final class FormDecoding {
    private FormDecoding() {}

    /** The decoded text, or null for a malformed escape or escaped bytes that are not UTF-8. */
    static String decode(String raw) {
        String text = wireText(raw);
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '+') {
                out.write(' ');
            } else if (c == '%') {
                if (i + 2 >= text.length()) return null;
                int hi = Character.digit(text.charAt(i + 1), 16);
                int lo = Character.digit(text.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) return null;
                out.write(hi << 4 | lo);
                i += 2;
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < text.length() ? i + 2 : i + 1;
                out.writeBytes(text.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end - 1;
            }
        }
        return utf8(out.toByteArray());
    }

    private static String wireText(String raw) {
        if (raw.chars().allMatch(c -> c < 0x80) || raw.chars().anyMatch(c -> c > 0xFF)) return raw;
        String utf8 = utf8(raw.getBytes(StandardCharsets.ISO_8859_1));
        return utf8 != null ? utf8 : raw;
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}

package dev.coffer.api.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Non-ASCII header values as S3 treats them: on the way in, RFC 2047 encoded-words are decoded and
 * raw UTF-8 bytes (which the HTTP layer hands over as ISO-8859-1 chars) are read as UTF-8; on the
 * way out, a value with non-ASCII or control characters is sent RFC 2047 encoded
 * ({@code =?UTF-8?B?...?=}), as S3 returns such metadata. An encoded-word may decode to anything
 * (CR, LF, NUL), which HTTP cannot carry raw: encoding on the way out keeps every stored value,
 * and every value stored before this rule, readable.
 */
public final class HeaderText {
    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?([^?]+)\\?([BbQq])\\?([^?]*)\\?=");

    private HeaderText() {}

    /**
     * Deliberate difference: Amazon S3 stores raw non-ASCII bytes as ISO-8859-1 (its own example
     * returns "ÄMÄZÕÑ S3" double-encoded); we read them as the UTF-8 every client sends, and keep
     * ISO-8859-1 only when the bytes are not valid UTF-8.
     */
    public static String decode(String wire) {
        String text = wire;
        if (!isAscii(text) && isLatin1(text)) {
            String utf8 = new String(text.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
            if (!utf8.contains("\uFFFD")) text = utf8;
        }
        Matcher m = ENCODED_WORD.matcher(text);
        StringBuilder out = new StringBuilder();
        int tail = 0;
        boolean previousDecoded = false;
        while (m.find()) {
            String decoded = decodeWord(m);
            String between = text.substring(tail, m.start());
            // RFC 2047 section 6.2: white space between two adjacent encoded-words is not displayed.
            boolean joined = previousDecoded && decoded != null && between.isBlank();
            if (!joined) out.append(between);
            out.append(decoded != null ? decoded : m.group());
            previousDecoded = decoded != null;
            tail = m.end();
        }
        if (tail == 0) return text;
        return out.append(text, tail, text.length()).toString();
    }

    public static String encode(String value) {
        if (isPrintableAscii(value)) return value;
        return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)) + "?=";
    }

    /**
     * The decoded text, or null when the word names an unknown charset, is malformed or holds bytes
     * that are not text in its charset (kept as sent rather than turned into U+FFFD).
     */
    private static String decodeWord(Matcher m) {
        try {
            Charset cs = Charset.forName(m.group(1));
            byte[] bytes = m.group(2).equalsIgnoreCase("B") ? Base64.getDecoder().decode(m.group(3)) : qDecode(m.group(3));
            return cs.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (IllegalArgumentException | CharacterCodingException | UnsupportedOperationException e) {
            return null;
        }
    }

    private static byte[] qDecode(String s) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '_') out.write(' ');
            else if (c == '=' && i + 2 < s.length()) {
                out.write(Integer.parseInt(s, i + 1, i + 3, 16));
                i += 2;
            } else out.write(c);
        }
        return out.toByteArray();
    }

    /** Whether every char could be one byte from the wire; text already beyond that is Unicode. */
    private static boolean isLatin1(String s) {
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) > 0xFF) return false;
        return true;
    }

    /** Printable ASCII and HTAB: what an HTTP field value carries as it is. */
    private static boolean isPrintableAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < 0x20 && c != '\t') || c > 0x7E) return false;
        }
        return true;
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) > 0x7E) return false;
        return true;
    }
}

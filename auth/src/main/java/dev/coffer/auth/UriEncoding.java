package dev.coffer.auth;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * SigV4's URI encoding. Clients differ in what they escape (some send '~' as %7E, some send ','
 * raw), so the server never trusts the raw form: it decodes each percent escape to its byte and
 * re-encodes every byte the one SigV4 way — unreserved characters (A-Z a-z 0-9 - . _ ~) kept,
 * everything else as upper-case %XX. A '%' that does not start a valid escape is taken literally.
 * '+' is a literal plus, never a space (S3 signs it as %2B).
 */
final class UriEncoding {
    private static final char[] UPPER_HEX = "0123456789ABCDEF".toCharArray();

    private UriEncoding() {}

    /** The canonical URI: re-encoded, '/' kept, no dot-segment or '//' normalization (S3 does none). */
    static String canonicalPath(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) return "/";
        return reencode(rawPath, true);
    }

    /** A query name or value, re-encoded; '/' becomes %2F. */
    static String canonicalQueryComponent(String raw) {
        return reencode(raw, false);
    }

    static String reencode(String raw, boolean keepSlash) {
        StringBuilder out = new StringBuilder(raw.length() + 16);
        byte[] bytes = decodeToBytes(raw);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (isUnreserved(c) || (keepSlash && c == '/')) {
                out.append((char) c);
            } else {
                out.append('%').append(UPPER_HEX[c >> 4]).append(UPPER_HEX[c & 0xF]);
            }
        }
        return out.toString();
    }

    /** Percent-decodes to text (UTF-8); for reading parameter values such as X-Amz-Credential. */
    static String decode(String raw) {
        if (raw.indexOf('%') < 0) return raw;
        return new String(decodeToBytes(raw), StandardCharsets.UTF_8);
    }

    static byte[] decodeToBytes(String raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length()
                    && Hex.digit(raw.charAt(i + 1)) >= 0 && Hex.digit(raw.charAt(i + 2)) >= 0) {
                out.write(Hex.digit(raw.charAt(i + 1)) << 4 | Hex.digit(raw.charAt(i + 2)));
                i += 3;
            } else if (c < 0x80) {
                out.write(c);
                i++;
            } else {
                // A raw non-ASCII character (the client did not encode it): take its UTF-8 bytes.
                int cp = raw.codePointAt(i);
                byte[] utf8 = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                out.write(utf8, 0, utf8.length);
                i += Character.charCount(cp);
            }
        }
        return out.toByteArray();
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }
}

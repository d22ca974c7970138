package dev.coffer.auth;

import java.nio.charset.StandardCharsets;

/**
 * SigV4's URI encoding, and the one decoding of query components that both the signature check
 * and routing use. Clients differ in what they escape (some send '~' as %7E, some send ',' raw),
 * so the server never trusts the raw form: it decodes each percent escape to its byte and
 * re-encodes every byte the one SigV4 way — unreserved characters (A-Z a-z 0-9 - . _ ~) kept,
 * everything else as upper-case %XX. A '%' that does not start a valid escape is taken literally.
 *
 * <p>In the path '+' is a literal plus. In the query it is a space, as S3 reads it (form
 * encoding: the AWS SDK for Java v1 sends a space as '+' and signs it as %20), so {@code prefix=a+b}
 * is signed and served as "a b" and {@code prefix=a%2Bb} as "a+b": a request cannot be signed for
 * one and served as the other.
 */
public final class UriEncoding {
    private static final char[] UPPER_HEX = "0123456789ABCDEF".toCharArray();

    private UriEncoding() {}

    /** The canonical URI: re-encoded, '/' kept, no dot-segment or '//' normalization (S3 does none). */
    static String canonicalPath(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) return "/";
        return isCanonical(rawPath, true) ? rawPath : reencode(rawPath, true);
    }

    /** A query name or value, re-encoded; '/' becomes %2F, '+' (a space) %20. */
    static String canonicalQueryComponent(String raw) {
        return isCanonical(raw, false) ? raw : encode(decodeQueryComponent(raw), false);
    }

    /**
     * Whether {@code raw} already is its own canonical form, so that decoding and re-encoding it
     * would give it back: only unreserved characters and upper-case escapes of bytes that are not
     * unreserved (a presigned URL's parameters, as every SDK sends them, are); in a path, '/' too.
     */
    static boolean isCanonical(String raw, boolean keepSlash) {
        int n = raw.length();
        for (int i = 0; i < n; i++) {
            char c = raw.charAt(i);
            if (isUnreserved(c) || (keepSlash && c == '/')) continue;
            if (c != '%' || i + 2 >= n) return false;
            int hi = upperHexDigit(raw.charAt(i + 1));
            int lo = upperHexDigit(raw.charAt(i + 2));
            int b = hi << 4 | lo;
            if (hi < 0 || lo < 0 || isUnreserved(b) || (keepSlash && b == '/')) return false;
            i += 2;
        }
        return true;
    }

    private static int upperHexDigit(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }

    /**
     * The bytes a raw query name or value stands for: percent escapes decoded, '+' a space. Routing
     * reads the query through this too, so what is signed is what is served.
     */
    public static byte[] decodeQueryComponent(String raw) {
        return decodeToBytes(raw, true);
    }

    static String reencode(String raw, boolean keepSlash) {
        return encode(decodeToBytes(raw, false), keepSlash);
    }

    private static String encode(byte[] bytes, boolean keepSlash) {
        StringBuilder out = new StringBuilder(bytes.length + 16);
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

    /** A query component decoded to text (UTF-8); for reading parameter values such as X-Amz-Credential. */
    static String decodeQueryText(String raw) {
        if (raw.indexOf('%') < 0 && raw.indexOf('+') < 0) return raw;
        return new String(decodeQueryComponent(raw), StandardCharsets.UTF_8);
    }

    private static byte[] decodeToBytes(String raw, boolean plusIsSpace) {
        // ASCII text (every presigned URL's parameters) decodes to exactly this many bytes; other
        // text to at most three UTF-8 bytes per char (a surrogate pair's two chars make four).
        int ascii = asciiDecodedLength(raw);
        byte[] out = new byte[ascii >= 0 ? ascii : raw.length() * 3];
        int n = 0;
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length()
                    && Hex.digit(raw.charAt(i + 1)) >= 0 && Hex.digit(raw.charAt(i + 2)) >= 0) {
                out[n++] = (byte) (Hex.digit(raw.charAt(i + 1)) << 4 | Hex.digit(raw.charAt(i + 2)));
                i += 3;
            } else if (c == '+' && plusIsSpace) {
                out[n++] = ' ';
                i++;
            } else if (c < 0x80) {
                out[n++] = (byte) c;
                i++;
            } else {
                // A raw non-ASCII character (the client did not encode it): take its UTF-8 bytes.
                int cp = raw.codePointAt(i);
                byte[] utf8 = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                System.arraycopy(utf8, 0, out, n, utf8.length);
                n += utf8.length;
                i += Character.charCount(cp);
            }
        }
        return n == out.length ? out : java.util.Arrays.copyOf(out, n);
    }

    /** The number of bytes ASCII-only {@code raw} decodes to (a valid escape is one byte); -1 if it is not ASCII. */
    private static int asciiDecodedLength(String raw) {
        int n = 0;
        for (int i = 0; i < raw.length(); i++, n++) {
            char c = raw.charAt(i);
            if (c >= 0x80) return -1;
            if (c == '%' && i + 2 < raw.length()
                    && Hex.digit(raw.charAt(i + 1)) >= 0 && Hex.digit(raw.charAt(i + 2)) >= 0) {
                i += 2;
            }
        }
        return n;
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }
}

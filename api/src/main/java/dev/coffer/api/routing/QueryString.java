package dev.coffer.api.routing;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.auth.QueryParameter;
import dev.coffer.auth.UriEncoding;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Decodes a raw query string and raw path segments (percent-decoding to UTF-8, once). */
public final class QueryString {
    private QueryString() {}

    /**
     * Name → first value; a parameter without '=' has the value "". Each name and value is decoded
     * by {@link UriEncoding#decodeQueryComponent}, the decoding the signature check uses ('+' is a
     * space), so a request is served as it was signed.
     */
    public static Map<String, String> parse(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) return params;
        // Name and value cut from the query itself, without splitting it into pairs first.
        int start = 0;
        while (start < rawQuery.length()) {
            int end = rawQuery.indexOf('&', start);
            if (end < 0) end = rawQuery.length();
            if (end > start) {
                int eq = rawQuery.indexOf('=', start);
                if (eq >= end) eq = -1;
                String name = queryComponent(rawQuery.substring(start, eq < 0 ? end : eq));
                String value = eq < 0 ? "" : queryComponent(rawQuery.substring(eq + 1, end));
                params.putIfAbsent(name, value);
            }
            start = end + 1;
        }
        return params;
    }

    /**
     * The same map from the parameters the signature check parsed ({@link dev.coffer.auth.SignedRequest#query()}),
     * so that a request's query is parsed once: their decoded names and values are this class's
     * wherever the bytes are UTF-8; where they are not (a U+FFFD in the decoded text), the bytes are
     * decoded again strictly, which answers InvalidURI as {@link #parse(String)} does. (A query's text
     * is its request line's bytes, one char each: a raw U+FFFD or lone surrogate, which this would
     * read apart from {@link #parse(String)}, never arrives.)
     */
    public static Map<String, String> firstValues(List<QueryParameter> parameters) {
        Map<String, String> params = new LinkedHashMap<>();
        for (QueryParameter p : parameters) {
            params.putIfAbsent(strict(p.name(), p.canonicalName()), strict(p.value(), p.canonicalValue()));
        }
        return params;
    }

    /** {@code decoded}, unless it holds U+FFFD: then the bytes {@code canonical} stands for, decoded strictly. */
    private static String strict(String decoded, String canonical) {
        if (decoded.indexOf('\uFFFD') < 0) return decoded; // valid UTF-8 decodes without a replacement
        return strictUtf8(UriEncoding.decodeQueryComponent(canonical));
    }

    private static String queryComponent(String raw) {
        if (raw.indexOf('%') < 0 && raw.indexOf('+') < 0) return raw;
        return strictUtf8(UriEncoding.decodeQueryComponent(raw));
    }

    /**
     * Percent-decodes to UTF-8. Malformed escapes are kept literally rather than rejected: S3 keys
     * may contain '%'. Escapes that are not UTF-8 (e.g. {@code %FF}) are InvalidURI, as S3 answers:
     * replacing them with U+FFFD would make {@code k%FF} and {@code k%FE} the same key.
     */
    public static String decode(String raw, boolean plusIsSpace) {
        if (raw.indexOf('%') < 0 && (!plusIsSpace || raw.indexOf('+') < 0)) return raw;
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length() && isHex(raw, i + 1)) {
                out.write(Integer.parseInt(raw, i + 1, i + 3, 16));
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                out.write(' ');
            } else {
                byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < raw.length()) {
                    bytes = raw.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                out.writeBytes(bytes);
            }
        }
        return strictUtf8(out.toByteArray());
    }

    private static String strictUtf8(byte[] bytes) {
        if (isAscii(bytes)) return new String(bytes, StandardCharsets.US_ASCII); // valid UTF-8, one copy
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw S3Exception.of(S3ErrorCode.InvalidURI);
        }
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) return false;
        }
        return true;
    }

    private static boolean isHex(String s, int at) {
        return Character.digit(s.charAt(at), 16) >= 0 && Character.digit(s.charAt(at + 1), 16) >= 0;
    }
}

package dev.coffer.api.handler;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3ErrorXml;
import dev.coffer.api.error.S3Exception;
import dev.coffer.api.routing.S3Request;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.stream.Stream;

/** The query parameters every listing shares: prefix, delimiter, max-keys, encoding-type. */
record ListingParams(String prefix, String delimiter, int maxKeys, boolean urlEncoded) {
    /** S3 answers at most 1,000 keys a page, whatever max-keys asks. */
    static final int PAGE_LIMIT = 1000;

    static ListingParams from(S3Request r) {
        String prefix = r.param("prefix") == null ? "" : r.param("prefix");
        String delimiter = r.param("delimiter");
        if (delimiter != null && delimiter.isEmpty()) delimiter = null;
        String encoding = r.param("encoding-type");
        if (encoding != null && !encoding.equals("url")) {
            throw S3Exception.of(S3ErrorCode.InvalidArgument).withMessage("Invalid Encoding Method specified in Request")
                    .with("ArgumentName", "encoding-type").with("ArgumentValue", encoding);
        }
        return new ListingParams(prefix, delimiter, maxKeys(r.param("max-keys")), encoding != null);
    }

    private static int maxKeys(String value) {
        if (value == null) return PAGE_LIMIT;
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 0) return Math.min(n, PAGE_LIMIT);
        } catch (NumberFormatException ignored) {
            // falls through
        }
        throw S3Exception.of(S3ErrorCode.InvalidArgument).withMessage("Provided max-keys not an integer or within integer range")
                .with("ArgumentName", "max-keys").with("ArgumentValue", value);
    }

    /**
     * These parameters for a page that will show {@code shown} (its keys, prefixes and markers):
     * URL-encoded, as if encoding-type=url had been asked, when one of them holds a character XML
     * 1.0 cannot carry. S3 writes such characters as references ({@code &#1;}) that XML 1.0 parsers
     * refuse; the page says {@code <EncodingType>url</EncodingType>} so that a client can decode it.
     */
    ListingParams forPage(Stream<String> shown) {
        if (urlEncoded || shown.noneMatch(ListingParams::notCarriedByXml)) return this;
        return new ListingParams(prefix, delimiter, maxKeys, true);
    }

    private static boolean notCarriedByXml(String value) {
        if (value == null) return false;
        for (int i = 0; i < value.length(); i++) {
            if (!S3ErrorXml.carriedByXml(value.charAt(i))) return true;
        }
        return false;
    }

    /** A value as the response carries it: URL-encoded (slashes kept) when encoding-type=url. */
    String out(String value) {
        if (value == null || !urlEncoded || unchangedByEncoding(value)) return value;
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("%2F", "/").replace("+", "%20");
    }

    /**
     * Whether encoding leaves the value as it is: only characters URLEncoder keeps, and slashes.
     * Most keys are such, and the SDKs ask every page encoded, so this spares the encoder's copies.
     */
    private static boolean unchangedByEncoding(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean kept = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '/' || c == '.' || c == '-' || c == '_' || c == '*';
            if (!kept) return false;
        }
        return true;
    }

    String encodingType() {
        return urlEncoded ? "url" : null;
    }

    /**
     * An opaque continuation token: the last entry returned, base64url, with a CRC32 so that a token
     * Coffer did not issue is refused (as S3 refuses it) instead of being read as a key.
     */
    static String token(String lastEntry) {
        byte[] bytes = lastEntry.getBytes(StandardCharsets.UTF_8);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes) + "." + Long.toHexString(crc(bytes));
    }

    static String fromToken(String token) {
        int dot = token.lastIndexOf('.');
        try {
            if (dot >= 0) {
                byte[] bytes = Base64.getUrlDecoder().decode(token.substring(0, dot));
                if (Long.toHexString(crc(bytes)).equals(token.substring(dot + 1))) {
                    return new String(bytes, StandardCharsets.UTF_8);
                }
            }
        } catch (IllegalArgumentException malformed) {
            // falls through to the S3 error
        }
        throw S3Exception.of(S3ErrorCode.InvalidArgument).withMessage("The continuation token provided is incorrect")
                .with("ArgumentName", "continuation-token").with("ArgumentValue", token);
    }

    private static long crc(byte[] bytes) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(bytes);
        return crc.getValue();
    }
}

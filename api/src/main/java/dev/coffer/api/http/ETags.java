package dev.coffer.api.http;

/** ETag comparison as S3 does it: quotes and a weak prefix are ignored; '*' matches any object. */
public final class ETags {
    private ETags() {}

    public static String quote(String etag) {
        return "\"" + etag + "\"";
    }

    /** Whether a header value (one ETag, '*', or a comma-separated list) matches {@code etag} (unquoted). */
    public static boolean matches(String header, String etag) {
        for (String candidate : header.split(",")) {
            String c = candidate.trim();
            if (c.equals("*")) return true;
            if (c.startsWith("W/")) c = c.substring(2);
            if (c.length() >= 2 && c.startsWith("\"") && c.endsWith("\"")) c = c.substring(1, c.length() - 1);
            if (c.equals(etag)) return true;
        }
        return false;
    }
}

package dev.coffer.api.xml;

/** Entity tags as S3 sends them in headers and XML: wrapped in double quotes. */
public final class ETags {

    private ETags() {
    }

    /** {@code abc} → {@code "abc"}; an already quoted tag is returned unchanged. */
    public static String quote(String etag) {
        if (etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")) {
            return etag;
        }
        return '"' + etag + '"';
    }
}

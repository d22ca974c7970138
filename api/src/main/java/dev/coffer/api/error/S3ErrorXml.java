package dev.coffer.api.error;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Renders an {@link S3Exception} as the body of an S3 REST error response:
 * {@code <Error><Code/><Message/>[elements]<Resource/><RequestId/></Error>}. See
 * <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#RESTErrorResponses">
 * REST error responses</a>.
 *
 * <p>{@code <Error>} carries no namespace, as S3 sends it. Written by hand rather than with Jackson
 * because its extra elements are an open, ordered set.
 */
public final class S3ErrorXml {

    private static final String DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

    private S3ErrorXml() {
    }

    /** @param requestId the id also sent in {@code x-amz-request-id}; omitted when null */
    public static byte[] render(S3Exception error, String requestId) {
        StringBuilder xml = new StringBuilder(256).append(DECLARATION).append("<Error>");
        element(xml, "Code", error.code().code());
        element(xml, "Message", error.message());
        for (Map.Entry<String, String> extra : error.elements().entrySet()) {
            // A value XML cannot carry at all (U+0000, e.g. a bucket name "b%00x" echoed back) is
            // left out, so that every client can still read the error's code.
            if (extra.getValue().indexOf('\u0000') < 0) element(xml, extra.getKey(), extra.getValue());
        }
        element(xml, "Resource", error.resource());
        element(xml, "RequestId", requestId);
        return xml.append("</Error>").toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Escapes XML element text the way S3 does, for every S3 document Coffer writes (S3Xml uses it
     * too): {@code & < > "} as entities, so an ETag reads {@code &quot;...&quot;}, and tab, LF and CR
     * as numeric references, so they survive any parser's line-end and whitespace handling.
     *
     * <p>A character XML 1.0 cannot carry at all (the other C0 controls, U+0000 included, and
     * U+FFFE, U+FFFF) is written as U+FFFD, so that every document parses: S3 writes such characters
     * as references ({@code &#1;}), which XML 1.0 parsers refuse (botocore#3496). The listings, which
     * can say how they encode, answer such a page URL-encoded instead ({@code ListingParams}); a
     * client that needs the exact key asks {@code encoding-type=url}, as S3 documents.
     */
    public static String escapeText(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = escaped(c);
            if (replacement != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }

    /** What {@link #escapeText} writes for {@code c}, or null when it stays as it is. */
    public static String escaped(char c) {
        return switch (c) {
            case '&' -> "&amp;";
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '"' -> "&quot;";
            case '\t' -> "&#9;";
            case '\n' -> "&#10;";
            case '\r' -> "&#13;";
            default -> !carriedByXml(c) ? "\uFFFD" : null;
        };
    }

    /**
     * Whether XML 1.0 can carry {@code c} (its Char production, surrogate pairs aside), literally
     * or as a reference. https://www.w3.org/TR/xml/#charsets
     */
    public static boolean carriedByXml(char c) {
        return c >= 0x20 ? c < 0xFFFE : c == '\t' || c == '\n' || c == '\r';
    }

    private static void element(StringBuilder xml, String name, String text) {
        if (text != null) {
            xml.append('<').append(name).append('>').append(escapeText(text)).append("</").append(name).append('>');
        }
    }
}

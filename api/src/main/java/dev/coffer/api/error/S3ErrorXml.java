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
     * too): {@code & < > "} as entities, so an ETag reads {@code &quot;...&quot;}, and each control
     * character below U+0020 as a numeric reference, so CR, LF and tab in keys survive any parser's
     * line-end and whitespace handling.
     *
     * <p>References to C0 controls other than tab, LF and CR are XML 1.1 syntax inside an XML 1.0
     * document; S3 sends them so and Coffer reads them back. U+0000 cannot be represented in XML at
     * all: it comes out as {@code &#0;}, which no parser accepts (clients use encoding-type=url).
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
            default -> c < 0x20 ? "&#" + (int) c + ";" : null;
        };
    }

    private static void element(StringBuilder xml, String name, String text) {
        if (text != null) {
            xml.append('<').append(name).append('>').append(escapeText(text)).append("</").append(name).append('>');
        }
    }
}

package dev.coffer.api.iam;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Writes the IAM query API's XML: {@code <XResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
 * <XResult>…</XResult><ResponseMetadata><RequestId>…}, and IAM's ErrorResponse. The documents are
 * small and flat, so a builder that escapes every text is all they need.
 */
final class IamXml {
    static final String NAMESPACE = "https://iam.amazonaws.com/doc/2010-05-08/";

    private final StringBuilder out = new StringBuilder(512);

    private IamXml() {}

    /** A response to {@code action}; call {@link #result()} first when the action has a result. */
    static IamXml response(String action) {
        IamXml x = new IamXml();
        x.out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<").append(action).append("Response xmlns=\"")
                .append(NAMESPACE).append("\">");
        return x;
    }

    IamXml open(String element) {
        out.append('<').append(element).append('>');
        return this;
    }

    IamXml close(String element) {
        out.append("</").append(element).append('>');
        return this;
    }

    IamXml text(String element, String value) {
        if (value == null) return this;
        out.append('<').append(element).append('>');
        escape(value);
        out.append("</").append(element).append('>');
        return this;
    }

    IamXml time(String element, long millis) {
        return text(element, Instant.ofEpochMilli(millis).truncatedTo(ChronoUnit.SECONDS).toString());
    }

    byte[] end(String action, String requestId) {
        open("ResponseMetadata").text("RequestId", requestId).close("ResponseMetadata");
        out.append("</").append(action).append("Response>");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] error(IamError error, String message, String requestId) {
        IamXml x = new IamXml();
        x.out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ErrorResponse xmlns=\"").append(NAMESPACE).append("\">");
        x.open("Error").text("Type", error.type()).text("Code", error.name()).text("Message", message).close("Error");
        x.text("RequestId", requestId);
        x.out.append("</ErrorResponse>");
        return x.out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void escape(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\r' -> out.append("&#13;");
                default -> out.append(c);
            }
        }
    }
}

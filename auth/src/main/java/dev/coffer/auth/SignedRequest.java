package dev.coffer.auth;

import java.util.List;
import java.util.Map;

/**
 * The parts of an HTTP request that a signature covers, free of any HTTP library's types.
 *
 * @param method upper-case HTTP method
 * @param rawPath the request path exactly as sent (still percent-encoded)
 * @param rawQuery the query string exactly as sent (still percent-encoded), "" when absent
 * @param headers header values by lower-case name, in the order received, each value one char per
 *     byte received (ISO-8859-1, as the HTTP layer decodes them; see {@link WireText}): a value is
 *     signed as the bytes that arrived, whatever their encoding
 * @param query {@code rawQuery}'s parameters as {@link QueryParameter#parse} gives them, in the order
 *     sent: parsed once, for the signature check and for whoever else reads the query (routing)
 */
public record SignedRequest(
        String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
        List<QueryParameter> query) {

    /** The request, its query parsed here. */
    public SignedRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers) {
        this(method, rawPath, rawQuery, headers, QueryParameter.parse(rawQuery));
    }

    /** The first value of a header (name in any case), or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}

package dev.coffer.auth;

import java.util.ArrayList;
import java.util.List;

/**
 * One parameter of the raw query string: its canonical (re-encoded) name and value for the
 * canonical request, and its decoded name and value for reading X-Amz-* parameters. A request's
 * query is parsed once ({@link SignedRequest#query()}): routing reads the same parameters.
 *
 * @param name the bytes {@link UriEncoding#decodeQueryComponent} decodes the raw name to, read as
 *     UTF-8 with U+FFFD for bytes that are not (routing refuses those: InvalidURI); {@code value} likewise
 */
public record QueryParameter(String canonicalName, String canonicalValue, String name, String value) {

    /** Splits on '&'; a parameter without '=' has an empty value; empty pieces are skipped. */
    public static List<QueryParameter> parse(String rawQuery) {
        List<QueryParameter> params = new ArrayList<>();
        if (rawQuery == null || rawQuery.isEmpty()) return params;
        int start = 0;
        while (start <= rawQuery.length()) {
            int end = rawQuery.indexOf('&', start);
            if (end < 0) end = rawQuery.length();
            if (end > start) {
                // Name and value cut from the query itself: no copy of the whole piece first.
                int eq = rawQuery.indexOf('=', start);
                if (eq >= end) eq = -1;
                String rawName = rawQuery.substring(start, eq < 0 ? end : eq);
                String rawValue = eq < 0 ? "" : rawQuery.substring(eq + 1, end);
                params.add(new QueryParameter(
                        UriEncoding.canonicalQueryComponent(rawName),
                        UriEncoding.canonicalQueryComponent(rawValue),
                        UriEncoding.decodeQueryText(rawName),
                        UriEncoding.decodeQueryText(rawValue)));
            }
            start = end + 1;
        }
        return params;
    }

    /** The decoded value of the first parameter named exactly {@code name}, or null. */
    static String find(List<QueryParameter> params, String name) {
        for (QueryParameter p : params) {
            if (p.name.equals(name)) return p.value;
        }
        return null;
    }
}

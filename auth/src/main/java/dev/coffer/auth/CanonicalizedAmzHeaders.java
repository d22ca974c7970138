package dev.coffer.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * SigV2's CanonicalizedAmzHeaders: every x-amz-* header, name lower-cased, sorted by name, values
 * trimmed and unfolded and joined with ',', each as {@code name:value\n}. Unlike SigV4, runs of
 * spaces inside a value are kept: SigV2 clients sign them as they are.
 */
final class CanonicalizedAmzHeaders {
    private static final String PREFIX = "x-amz-";
    /** Folding whitespace of an obsolete multi-line header value: a line break and what surrounds it. */
    private static final Pattern FOLD = Pattern.compile("[ \\t]*[\\r\\n]+[ \\t]*");

    private CanonicalizedAmzHeaders() {}

    /**
     * @param queryHeaders for a presigned URL, the query parameters, whose x-amz-* ones stand for
     *     headers (botocore moves x-amz-security-token and the like there); null for the header form
     * @param skip a lower-case header name to leave out, or null
     */
    static String build(Map<String, List<String>> headers, List<QueryParameter> queryHeaders, String skip) {
        Map<String, List<String>> amz = new TreeMap<>();
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            add(amz, header.getKey(), header.getValue(), skip);
        }
        if (queryHeaders != null) {
            for (QueryParameter p : queryHeaders) add(amz, p.name(), List.of(WireText.ofUnicode(p.value())), skip);
        }
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, List<String>> header : amz.entrySet()) {
            sb.append(header.getKey()).append(':').append(String.join(",", header.getValue())).append('\n');
        }
        return sb.toString();
    }

    private static void add(Map<String, List<String>> amz, String name, List<String> values, String skip) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (!lower.startsWith(PREFIX) || lower.equals(skip)) return;
        List<String> canonical = amz.computeIfAbsent(lower, k -> new ArrayList<>());
        for (String value : values) canonical.add(FOLD.matcher(value.trim()).replaceAll(" "));
    }
}

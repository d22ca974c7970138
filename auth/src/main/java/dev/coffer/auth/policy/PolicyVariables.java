package dev.coffer.auth.policy;

import java.util.List;

/**
 * Policy variables in Resource and Condition values ({@code ${aws:username}},
 * {@code ${s3:prefix}}, {@code ${aws:username, 'nobody'}}) and the three escapes {@code ${*}},
 * {@code ${?}}, {@code ${$}}, replaced from the request context. Only policies of Version
 * 2012-10-17 have variables; in older ones {@code ${…}} is plain text. A variable whose key the
 * request does not carry (and that has no default) makes the value match nothing, as in IAM.
 * What a variable puts in a pattern is literal: a {@code *} in a user name is no wildcard.
 */
final class PolicyVariables {
    private PolicyVariables() {}

    /**
     * The value with its variables replaced, as a pattern (its text is {@link Glob#toString()}),
     * or null when a variable has no value.
     */
    static Glob pattern(String value, boolean variables, RequestContext context) {
        if (!variables || !value.contains("${")) return Glob.of(value);
        Glob.Builder out = new Glob.Builder();
        int i = 0;
        while (i < value.length()) {
            int start = value.indexOf("${", i);
            int end = start < 0 ? -1 : value.indexOf('}', start);
            if (start < 0 || end < 0) {
                out.pattern(value.substring(i));
                break;
            }
            out.pattern(value.substring(i, start));
            String replacement = resolve(value.substring(start + 2, end), context);
            if (replacement == null) return null;
            out.literal(replacement);
            i = end + 1;
        }
        return out.build();
    }

    private static String resolve(String inner, RequestContext context) {
        switch (inner) {
            case "*": return "*";
            case "?": return "?";
            case "$": return "$";
            default: break;
        }
        String key = inner;
        String fallback = null;
        int comma = inner.indexOf(',');
        if (comma >= 0) {
            key = inner.substring(0, comma).trim();
            String rest = inner.substring(comma + 1).trim();
            if (rest.length() >= 2 && rest.startsWith("'") && rest.endsWith("'")) {
                fallback = rest.substring(1, rest.length() - 1);
            }
        }
        List<String> values = context.get(key.trim());
        if (values != null && values.size() == 1) return values.get(0);
        return fallback;
    }
}

package dev.coffer.api.cors;

import java.util.Locale;

/**
 * A CORS rule's pattern: text with at most one {@code *}, which stands for any run of characters,
 * the empty one included, and anchored at both ends ({@code http://*.example.com} matches
 * {@code http://www.example.com}, not {@code http://www.example.com:8080}). Ceph's s3-tests,
 * which pass against S3, expect {@code *suffix} to match {@code suffix} itself.
 */
record Wildcard(String prefix, String suffix, boolean hasStar) {

    /** @param pattern checked by the caller to hold at most one {@code *} */
    static Wildcard of(String pattern, boolean ignoreCase) {
        String p = ignoreCase ? pattern.toLowerCase(Locale.ROOT) : pattern;
        int star = p.indexOf('*');
        return star < 0 ? new Wildcard(p, "", false) : new Wildcard(p.substring(0, star), p.substring(star + 1), true);
    }

    /** @param value lower-cased by the caller when the pattern was made with {@code ignoreCase} */
    boolean matches(String value) {
        if (!hasStar) return value.equals(prefix);
        return value.length() >= prefix.length() + suffix.length() && value.startsWith(prefix) && value.endsWith(suffix);
    }

    static boolean hasMoreThanOneStar(String text) {
        return text.indexOf('*') != text.lastIndexOf('*');
    }
}

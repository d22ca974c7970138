package dev.coffer.auth.policy;

/**
 * An IAM wildcard pattern: {@code *} matches any run of characters (none included), {@code ?}
 * any one character; every other character, and any character a policy variable put there, is
 * itself. Matching is linear in practice (the classic greedy backtrack over the last star).
 */
final class Glob {
    private final String chars;
    /** wild[i]: chars[i] is a wildcard, not a literal '*' or '?'. */
    private final boolean[] wild;

    private Glob(String chars, boolean[] wild) {
        this.chars = chars;
        this.wild = wild;
    }

    /** Every {@code *} and {@code ?} of the text is a wildcard. */
    static Glob of(String pattern) {
        boolean[] wild = new boolean[pattern.length()];
        for (int i = 0; i < wild.length; i++) wild[i] = pattern.charAt(i) == '*' || pattern.charAt(i) == '?';
        return new Glob(pattern, wild);
    }

    /** Builds a pattern from pieces, some of them literal whatever they hold. */
    static final class Builder {
        private final StringBuilder chars = new StringBuilder();
        private final StringBuilder wild = new StringBuilder();

        Builder pattern(String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                chars.append(c);
                wild.append(c == '*' || c == '?' ? '1' : '0');
            }
            return this;
        }

        Builder literal(String text) {
            chars.append(text);
            wild.append("0".repeat(text.length()));
            return this;
        }

        Glob build() {
            boolean[] w = new boolean[wild.length()];
            for (int i = 0; i < w.length; i++) w[i] = wild.charAt(i) == '1';
            return new Glob(chars.toString(), w);
        }
    }

    boolean matches(String text, boolean ignoreCase) {
        int p = 0;
        int t = 0;
        int star = -1;
        int mark = 0;
        while (t < text.length()) {
            if (p < chars.length() && wild[p] && chars.charAt(p) == '*') {
                star = p++;
                mark = t;
            } else if (p < chars.length() && (wild[p] && chars.charAt(p) == '?' || same(chars.charAt(p), text.charAt(t), ignoreCase))) {
                p++;
                t++;
            } else if (star >= 0) {
                p = star + 1;
                t = ++mark;
            } else {
                return false;
            }
        }
        while (p < chars.length() && wild[p] && chars.charAt(p) == '*') p++;
        return p == chars.length();
    }

    private static boolean same(char a, char b, boolean ignoreCase) {
        return a == b || ignoreCase && Character.toLowerCase(a) == Character.toLowerCase(b);
    }

    /** The pattern's characters, wildcards and literals alike. */
    @Override
    public String toString() {
        return chars;
    }
}

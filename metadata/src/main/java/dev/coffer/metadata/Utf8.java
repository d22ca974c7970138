package dev.coffer.metadata;

import java.nio.charset.StandardCharsets;

/** Strict UTF-8: a string with an unpaired surrogate has no UTF-8 form and is refused, not replaced. */
final class Utf8 {
    private Utf8() {}

    /**
     * The UTF-8 bytes of {@code s}. Java's own encoder silently turns an unpaired surrogate into
     * '?', which would let two different keys collide on disk; we refuse instead.
     *
     * @throws IllegalArgumentException if {@code s} is not well-formed UTF-16
     */
    static byte[] encode(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("unpaired surrogate at index " + i);
            }
        }
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String decode(byte[] bytes, int offset, int length) {
        return new String(bytes, offset, length, StandardCharsets.UTF_8);
    }
}

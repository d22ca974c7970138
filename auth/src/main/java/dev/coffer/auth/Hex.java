package dev.coffer.auth;

/** Lower-case hex, the only form SigV4 uses for hashes and signatures. */
final class Hex {
    private static final byte[] DIGITS = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private Hex() {}

    static String encode(byte[] bytes) {
        byte[] out = new byte[bytes.length * 2];
        encodeInto(bytes, out);
        return new String(out, java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** Writes {@code 2 * bytes.length} ASCII hex digits into {@code out}; allocates nothing. */
    static void encodeInto(byte[] bytes, byte[] out) {
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = DIGITS[(bytes[i] >> 4) & 0xF];
            out[2 * i + 1] = DIGITS[bytes[i] & 0xF];
        }
    }

    /**
     * Whether {@code claimed} is exactly the lower-case hex of {@code bytes}, in time that does not
     * depend on where they differ (as {@code MessageDigest.isEqual} of the two encodings, without making them).
     */
    static boolean matches(byte[] bytes, String claimed) {
        if (claimed.length() != 2 * bytes.length) return false;
        int diff = 0;
        for (int i = 0; i < bytes.length; i++) {
            diff |= claimed.charAt(2 * i) ^ DIGITS[(bytes[i] >> 4) & 0xF];
            diff |= claimed.charAt(2 * i + 1) ^ DIGITS[bytes[i] & 0xF];
        }
        return diff == 0;
    }

    static int digit(int c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }

    /** True when {@code s} is exactly {@code length} hex digits (either case). */
    static boolean isHex(CharSequence s, int length) {
        if (s.length() != length) return false;
        for (int i = 0; i < length; i++) {
            if (digit(s.charAt(i)) < 0) return false;
        }
        return true;
    }
}

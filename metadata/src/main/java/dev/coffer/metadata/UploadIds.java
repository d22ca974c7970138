package dev.coffer.metadata;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Upload ids: 12 hex digits of the initiation time in milliseconds, then 20 random hex digits.
 * Lexicographic order is then initiation order, which is the order ListMultipartUploads gives the
 * uploads of one key, and upload-id-marker compares ids lexicographically, so the two agree. The
 * fixed length lets a stored key end in the id without a separator to parse.
 */
public final class UploadIds {
    /** Characters of every id. */
    static final int LENGTH = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private UploadIds() {}

    public static String next(long nowMillis) {
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        return String.format("%012x", nowMillis & 0xFFFF_FFFF_FFFFL) + HexFormat.of().formatHex(random);
    }

    /** Whether {@code id} could be one of ours; anything else names no upload. */
    public static boolean isWellFormed(String id) {
        if (id == null || id.length() != LENGTH) return false;
        for (int i = 0; i < LENGTH; i++) {
            char c = id.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) return false;
        }
        return true;
    }
}

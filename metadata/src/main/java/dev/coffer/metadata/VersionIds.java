package dev.coffer.metadata;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Version stamps and the public version ids made from them.
 *
 * <p>A <b>stamp</b> is a positive long: commit time in epoch milliseconds shifted left by
 * {@link #COUNTER_BITS}, plus a counter, so stamps taken in one process strictly rise even within
 * a millisecond. The writer also makes each new stamp greater than the key's newest one, so a key's
 * versions are ordered by stamp even if the wall clock steps back.
 *
 * <p>A <b>version id</b> is 26 characters of Crockford base32 (ULID-like): the 8-byte stamp then
 * 8 random bytes. Ids are URL-safe, opaque to clients, sort by time, and carry their stamp, so
 * a lookup by id is one point read; the random half makes ids of different keys differ and is
 * checked against the stored record. The null version has no id of its own: its stamp is kept in
 * the {@code nullversions} table.
 */
public final class VersionIds {
    /** Up to 2^20 stamps per millisecond; 43 bits of milliseconds last until the year 2248. */
    static final int COUNTER_BITS = 20;
    /** The id S3 gives the null version. */
    public static final String NULL = "null";

    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final int LENGTH = 26;
    private static final AtomicLong LAST = new AtomicLong();

    private VersionIds() {}

    /**
     * A stamp to propose for a command taken at {@code millis}: above every stamp this process
     * proposed, so a node's commands propose rising stamps even within a millisecond.
     */
    static long propose(long millis) {
        return LAST.accumulateAndGet(millis << COUNTER_BITS, (last, want) -> Math.max(last + 1, want));
    }

    /** The stamp a write takes: the proposed one, or one above the key's newest if that is higher. */
    static long stampAbove(long proposed, long newest) {
        return Math.max(proposed, newest + 1);
    }

    /** The stamp of a version written before versioning (no stamp stored): its commit time. */
    static long stampOfTime(long millis) {
        return millis << COUNTER_BITS;
    }

    static String newId(long stamp, long random) {
        return encode(stamp, random);
    }

    /** True for "null" and for any id this class could have made. */
    public static boolean isWellFormed(String versionId) {
        return versionId != null && (versionId.equals(NULL) || decodeHigh(versionId) >= 0);
    }

    /** The stamp inside a well-formed non-null id. */
    static long stamp(String versionId) {
        long high = decodeHigh(versionId);
        if (high < 0) {
            throw new IllegalArgumentException("malformed version id");
        }
        return high;
    }

    static String encode(long high, long low) {
        char[] out = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            int pos = 5 * (LENGTH - 1 - i); // bit offset of this character from the right
            long bits = pos >= 64 ? high >>> (pos - 64) : (low >>> pos) | (pos == 0 ? 0 : high << (64 - pos));
            out[i] = ALPHABET.charAt((int) (bits & 31));
        }
        return new String(out);
    }

    /** The high 64 bits, or -1 if the text is not 26 base32 characters with a positive stamp. */
    private static long decodeHigh(String id) {
        if (id.length() != LENGTH) {
            return -1;
        }
        long high = 0;
        long low = 0;
        for (int i = 0; i < LENGTH; i++) {
            int v = ALPHABET.indexOf(id.charAt(i));
            if (v < 0 || (i == 0 && v > 3)) {
                // 26 characters hold 130 bits: the first one's top bits, and the stamp's sign bit, are 0
                return -1;
            }
            high = (high << 5) | (low >>> 59);
            low = (low << 5) | v;
        }
        return high < 0 ? -1 : high;
    }
}

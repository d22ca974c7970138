package dev.coffer.metadata;

import java.util.Arrays;

/** Byte-string helpers for order-preserving keys. All comparisons are unsigned, as RocksDB's. */
final class ByteKeys {
    private ByteKeys() {}

    static int compare(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    static byte[] max(byte[] a, byte[] b) {
        return compare(a, b) >= 0 ? a : b;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** {@code a} followed by one 0x00: the smallest byte string greater than {@code a}. */
    static byte[] justAfter(byte[] a) {
        return Arrays.copyOf(a, a.length + 1);
    }

    /**
     * The smallest byte string greater than every string that starts with {@code prefix}: drop
     * trailing 0xFF bytes and add one to the last byte left. Null when there is none (the prefix
     * is empty or all 0xFF), meaning "no upper bound".
     */
    static byte[] successor(byte[] prefix) {
        int end = prefix.length;
        while (end > 0 && prefix[end - 1] == (byte) 0xFF) {
            end--;
        }
        if (end == 0) {
            return null;
        }
        byte[] out = Arrays.copyOf(prefix, end);
        out[end - 1]++;
        return out;
    }

    /** Index of the first {@code needle} in {@code hay} at or after {@code from}, or -1. */
    static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = from; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}

package dev.coffer.metadata;

import java.util.Arrays;
import java.util.Map;

/**
 * Writes the primitives of the value format. Counts and lengths are unsigned LEB128 varints
 * (one byte for anything under 128, which is nearly every string we store); nullable strings and
 * byte arrays store {@code length + 1}, with 0 meaning null.
 *
 * <p>The bytes go into one array, sized by the caller's hint where it knows the value is large
 * (an object record carrying its inline body): grown by doubling from 64 bytes, a 4 KiB inline
 * record cost 16 KiB of copies before the final one (JFR allocation samples, docs/benchmarks.md).
 */
final class ValueOutput {
    private static final int DEFAULT_CAPACITY = 64;
    private byte[] buf;
    private int count;

    ValueOutput(byte version) {
        this(version, DEFAULT_CAPACITY);
    }

    /** @param sizeHint the bytes the value will probably take; a wrong hint costs a copy, nothing else */
    ValueOutput(byte version, int sizeHint) {
        buf = new byte[Math.max(DEFAULT_CAPACITY, sizeHint)];
        writeByte(version);
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, count);
    }

    void writeByte(int b) {
        if (count == buf.length) grow(1);
        buf[count++] = (byte) b;
    }

    void writeLong(long v) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            writeByte((int) (v >>> shift));
        }
    }

    /** Unsigned varint; a negative value takes ten bytes and still round-trips. */
    void writeVarLong(long v) {
        while ((v & ~0x7FL) != 0) {
            writeByte((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        writeByte((int) v);
    }

    void writeBytes(byte[] b) {
        if (b == null) {
            writeVarLong(0);
            return;
        }
        writeVarLong(b.length + 1L);
        if (buf.length - count < b.length) grow(b.length);
        System.arraycopy(b, 0, buf, count, b.length);
        count += b.length;
    }

    void writeString(String s) {
        writeBytes(s == null ? null : Utf8.encode(s));
    }

    /** Entry count, then key and value of each entry in the map's iteration order. */
    void writeMap(Map<String, String> map) {
        writeVarLong(map.size());
        map.forEach((k, v) -> {
            writeString(k);
            writeString(v);
        });
    }

    private void grow(int atLeast) {
        long wanted = Math.max((long) count + atLeast, 2L * buf.length);
        if (wanted > Integer.MAX_VALUE - 8) throw new MetadataException("value too large to encode: " + wanted + " bytes");
        buf = Arrays.copyOf(buf, (int) wanted);
    }
}

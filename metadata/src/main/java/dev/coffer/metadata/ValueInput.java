package dev.coffer.metadata;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reads what {@link ValueOutput} wrote; any malformed input is a {@link MetadataException}. */
final class ValueInput {
    private final byte[] bytes;
    private final String what;
    private int pos;

    private final int version;

    /** Checks the leading format-version byte against the one version this reader knows. */
    ValueInput(byte[] bytes, byte knownVersion, String what) {
        this(bytes, knownVersion, knownVersion, what);
    }

    /** Accepts format versions {@code oldest..newest}; {@link #version()} says which one it read. */
    ValueInput(byte[] bytes, byte oldest, byte newest, String what) {
        this.bytes = bytes;
        this.what = what;
        this.version = readByte();
        if (version < oldest || version > newest) {
            throw new MetadataException(what + ": unknown format version " + version);
        }
    }

    int version() {
        return version;
    }

    int readByte() {
        if (pos >= bytes.length) {
            throw new MetadataException(what + ": truncated record");
        }
        return bytes[pos++] & 0xFF;
    }

    long readLong() {
        long v = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            v = (v << 8) | readByte();
        }
        return v;
    }

    long readVarLong() {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = readByte();
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new MetadataException(what + ": varint too long");
    }

    /** A count or length, checked against the bytes left so corruption cannot allocate gigabytes. */
    int readCount() {
        long n = readVarLong();
        if (n < 0 || n > bytes.length - pos) {
            throw new MetadataException(what + ": bad length " + n);
        }
        return (int) n;
    }

    byte[] readBytes() {
        long stored = readVarLong();
        if (stored == 0) {
            return null;
        }
        long n = stored - 1;
        if (n > bytes.length - pos) {
            throw new MetadataException(what + ": bad length " + n);
        }
        byte[] out = new byte[(int) n];
        System.arraycopy(bytes, pos, out, 0, out.length);
        pos += out.length;
        return out;
    }

    /** Steps over what {@link #readBytes} would read. */
    void skipBytes() {
        long stored = readVarLong();
        if (stored == 0) return;
        long n = stored - 1;
        if (n > bytes.length - pos) {
            throw new MetadataException(what + ": bad length " + n);
        }
        pos += (int) n;
    }

    /** Steps over what {@link #readMap} would read. */
    void skipMap() {
        int n = readCount();
        for (int i = 0; i < 2 * n; i++) {
            skipBytes();
        }
    }

    String readString() {
        byte[] b = readBytes();
        return b == null ? null : Utf8.decode(b, 0, b.length);
    }

    Map<String, String> readMap() {
        int n = readCount();
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            map.put(readString(), readString());
        }
        return map;
    }

    /** True when every byte was read (a shorter, older layout of the same version ends here). */
    boolean atEnd() {
        return pos == bytes.length;
    }

    /** Trailing bytes mean the record is not what we think it is. */
    void end() {
        if (pos != bytes.length) {
            throw new MetadataException(what + ": " + (bytes.length - pos) + " trailing bytes");
        }
    }
}

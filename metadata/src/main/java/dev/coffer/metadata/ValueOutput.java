package dev.coffer.metadata;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;

/**
 * Writes the primitives of the value format. Counts and lengths are unsigned LEB128 varints
 * (one byte for anything under 128, which is nearly every string we store); nullable strings and
 * byte arrays store {@code length + 1}, with 0 meaning null.
 */
final class ValueOutput {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    private final DataOutputStream out = new DataOutputStream(bytes);

    ValueOutput(byte version) {
        writeByte(version);
    }

    byte[] toByteArray() {
        return bytes.toByteArray();
    }

    void writeByte(int b) {
        try {
            out.writeByte(b);
        } catch (IOException e) {
            throw new MetadataException("cannot encode", e); // a byte array stream never fails
        }
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
        try {
            out.write(b);
        } catch (IOException e) {
            throw new MetadataException("cannot encode", e);
        }
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
}

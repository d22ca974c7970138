package dev.coffer.api.lifecycle;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Where a lifecycle pass stands, as kept in the catalogue's {@code jobs} table (row
 * {@code lifecycle}): {@code byte 1 | i64 passStart | utf bucket | byte phase (0 versions, 1
 * uploads) | bool+utf keyMarker | bool+utf versionIdMarker (upload id marker in phase 1) | i64
 * successorMillis (Last-Modified of the newest version read of the key the page ended in; -1
 * none) | i32 noncurrentSeen (that key's noncurrent versions read so far)}; {@code utf} is
 * {@link DataOutputStream#writeUTF}'s form. Keys are at most 1024 bytes, well inside its limit.
 */
record LifecycleCursor(long passStart, String bucket, int phase, String keyMarker, String versionIdMarker,
                       long successorMillis, int noncurrentSeen) {
    static final int VERSIONS = 0;
    static final int UPLOADS = 1;
    private static final byte V1 = 1;

    static LifecycleCursor start(long passStart, String bucket) {
        return new LifecycleCursor(passStart, bucket, VERSIONS, null, null, -1, 0);
    }

    LifecycleCursor toUploads() {
        return new LifecycleCursor(passStart, bucket, UPLOADS, null, null, -1, 0);
    }

    LifecycleCursor after(String key, String marker, long successor, int seen) {
        return new LifecycleCursor(passStart, bucket, phase, key, marker, successor, seen);
    }

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(V1);
            out.writeLong(passStart);
            out.writeUTF(bucket);
            out.writeByte(phase);
            optional(out, keyMarker);
            optional(out, versionIdMarker);
            out.writeLong(successorMillis);
            out.writeInt(noncurrentSeen);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static LifecycleCursor decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (in.readByte() != V1) throw new IllegalStateException("lifecycle cursor of an unknown format");
            return new LifecycleCursor(in.readLong(), in.readUTF(), in.readByte(), optional(in), optional(in),
                    in.readLong(), in.readInt());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void optional(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) out.writeUTF(s);
    }

    private static String optional(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }
}

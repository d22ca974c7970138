package dev.coffer.metadata;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * The codecs of the version tables (layouts drawn in {@link CatalogTables}).
 *
 * <p>A {@code versions} key is bucket, 0x00, the object key <i>escaped</i>, the terminator
 * 0x00 0x00, then the bitwise complement of the stamp (8 bytes big-endian). Escaping writes a
 * key's 0x00 byte as 0x00 0xFF, so the terminator sorts below any continuation of the key: all of
 * key "a"'s versions come before those of "a\0b" and of "a/b", and keys keep their UTF-8 byte
 * order. The complement makes a larger (newer) stamp sort first: one key's versions are
 * newest first, which is S3's order.
 */
final class VersionCodecs {
    private VersionCodecs() {}

    private static final byte ESCAPE = (byte) 0xFF;

    static final Codec<VersionKey> VERSION_KEY = new Codec<>() {
        @Override
        public byte[] encode(VersionKey v) {
            return ByteKeys.concat(keyStart(v.bucket(), v.key()), complement(v.stamp()));
        }

        @Override
        public VersionKey decode(byte[] bytes) {
            int end = ByteKeys.indexOf(bytes, new byte[] {KeyCodecs.BUCKET_END}, 0);
            if (end < 0 || bytes.length < end + 1 + 2 + Long.BYTES) {
                throw new MetadataException("malformed version key");
            }
            byte[] escaped = java.util.Arrays.copyOfRange(bytes, end + 1, bytes.length - Long.BYTES - 2);
            long stamp = ~ByteBuffer.wrap(bytes, bytes.length - Long.BYTES, Long.BYTES).getLong();
            byte[] key = unescape(escaped);
            return new VersionKey(Utf8.decode(bytes, 0, end), Utf8.decode(key, 0, key.length), stamp);
        }
    };

    /** 0x01 | i64 stamp: where the key's null version sits in {@code versions}. */
    static final Codec<Long> NULL_STAMP = new Codec<>() {
        @Override
        public byte[] encode(Long stamp) {
            ValueOutput out = new ValueOutput(ValueCodecs.V1);
            out.writeLong(stamp);
            return out.toByteArray();
        }

        @Override
        public Long decode(byte[] bytes) {
            ValueInput in = new ValueInput(bytes, ValueCodecs.V1, "null version stamp");
            long stamp = in.readLong();
            in.end();
            return stamp;
        }
    };

    /** The first possible versions key of (bucket, key): everything up to the terminator. */
    static byte[] keyStart(String bucket, String key) {
        byte[] escaped = escapedKey(bucket, key);
        byte[] out = java.util.Arrays.copyOf(escaped, escaped.length + 2);
        return out; // the two trailing bytes are the 0x00 0x00 terminator
    }

    /** Bucket, 0x00, escaped key (or key prefix): every version of a key with that prefix starts so. */
    static byte[] escapedKey(String bucket, String keyOrPrefix) {
        return ByteKeys.concat(KeyCodecs.bucketStart(bucket), escape(KeyCodecs.keyBytes(keyOrPrefix)));
    }

    static byte[] escape(byte[] key) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(key.length + 4);
        for (byte b : key) {
            out.write(b);
            if (b == 0) {
                out.write(ESCAPE);
            }
        }
        return out.toByteArray();
    }

    static byte[] unescape(byte[] escaped) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(escaped.length);
        for (int i = 0; i < escaped.length; i++) {
            out.write(escaped[i]);
            if (escaped[i] == 0) {
                if (i + 1 >= escaped.length || escaped[i + 1] != ESCAPE) {
                    throw new MetadataException("malformed escape in version key");
                }
                i++;
            }
        }
        return out.toByteArray();
    }

    static byte[] complement(long stamp) {
        return ByteBuffer.allocate(Long.BYTES).putLong(~stamp).array();
    }
}

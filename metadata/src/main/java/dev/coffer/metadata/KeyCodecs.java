package dev.coffer.metadata;

import java.nio.ByteBuffer;

/**
 * The order-preserving key codecs of the catalogue's tables. RocksDB compares keys bytewise, so
 * encoding with these codecs makes iteration order equal S3's order (UTF-8 bytes, not Java's
 * UTF-16 {@code String.compareTo}, which puts U+FFFF after an emoji).
 */
final class KeyCodecs {
    private KeyCodecs() {}

    /** Byte that ends a bucket name inside an object key; bucket names never contain it. */
    static final byte BUCKET_END = 0x00;

    /** Bucket name as UTF-8. */
    static final Codec<String> BUCKET_NAME = new Codec<>() {
        @Override
        public byte[] encode(String name) {
            return bucketBytes(name);
        }

        @Override
        public String decode(byte[] bytes) {
            return Utf8.decode(bytes, 0, bytes.length);
        }
    };

    /** Bucket name UTF-8, 0x00, object key UTF-8. */
    static final Codec<ObjectKey> OBJECT_KEY = new Codec<>() {
        @Override
        public byte[] encode(ObjectKey id) {
            return ByteKeys.concat(bucketStart(id.bucket()), Utf8.encode(id.key()));
        }

        @Override
        public ObjectKey decode(byte[] bytes) {
            int end = ByteKeys.indexOf(bytes, new byte[] {BUCKET_END}, 0);
            if (end < 0) {
                throw new MetadataException("object key without bucket separator");
            }
            return new ObjectKey(
                    Utf8.decode(bytes, 0, end), Utf8.decode(bytes, end + 1, bytes.length - end - 1));
        }
    };

    /** 8 bytes big-endian; sequences are never negative, so bytewise order is numeric order. */
    static final Codec<Long> SEQUENCE = new Codec<>() {
        @Override
        public byte[] encode(Long sequence) {
            if (sequence < 0) {
                throw new IllegalArgumentException("negative sequence " + sequence);
            }
            return ByteBuffer.allocate(Long.BYTES).putLong(sequence).array();
        }

        @Override
        public Long decode(byte[] bytes) {
            if (bytes.length != Long.BYTES) {
                throw new MetadataException("sequence key of " + bytes.length + " bytes");
            }
            return ByteBuffer.wrap(bytes).getLong();
        }
    };

    /**
     * A GC entry's key: the sequence of the command that queued it (8 bytes big-endian), then the
     * chunk id's UTF-8 bytes. One command queues a chunk at most once, so the pair is unique, and
     * entries sort by command order. A key of exactly 8 bytes is the layout before commands
     * (sequence only); it decodes with a null chunk id and is rewritten at open ({@link GcQueue}).
     */
    static final Codec<GcQueue.Key> GC_KEY = new Codec<>() {
        @Override
        public byte[] encode(GcQueue.Key k) {
            byte[] sequence = SEQUENCE.encode(k.sequence());
            return k.chunkId() == null ? sequence : ByteKeys.concat(sequence, Utf8.encode(k.chunkId()));
        }

        @Override
        public GcQueue.Key decode(byte[] bytes) {
            if (bytes.length < Long.BYTES) {
                throw new MetadataException("gc key of " + bytes.length + " bytes");
            }
            long sequence = ByteBuffer.wrap(bytes, 0, Long.BYTES).getLong();
            return new GcQueue.Key(sequence, bytes.length == Long.BYTES ? null
                    : Utf8.decode(bytes, Long.BYTES, bytes.length - Long.BYTES));
        }
    };

    /** The first key any object of {@code bucket} can have: the name and its 0x00. */
    static byte[] bucketStart(String bucket) {
        return ByteKeys.justAfter(bucketBytes(bucket));
    }

    /** The UTF-8 bytes of an object key (or prefix) within its bucket. */
    static byte[] keyBytes(String key) {
        return Utf8.encode(key);
    }

    private static byte[] bucketBytes(String name) {
        if (name.isEmpty() || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("bucket name empty or holding NUL");
        }
        return Utf8.encode(name);
    }
}

package dev.coffer.metadata;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Order-preserving key codecs of the multipart tables (layouts drawn in {@link UploadTables}).
 * Upload ids are {@link UploadIds#LENGTH} ASCII characters, so a key ends in the id at a known
 * offset and needs no escaping.
 */
final class UploadKeyCodecs {
    private UploadKeyCodecs() {}

    /** Bucket UTF-8, 0x00, object key UTF-8, 0x00, upload id. */
    static final Codec<UploadKey> UPLOAD = new Codec<>() {
        @Override
        public byte[] encode(UploadKey id) {
            return ByteKeys.concat(keyStart(id.bucket(), id.key()), idBytes(id.uploadId()));
        }

        @Override
        public UploadKey decode(byte[] bytes) {
            int end = ByteKeys.indexOf(bytes, new byte[] {KeyCodecs.BUCKET_END}, 0);
            int idAt = bytes.length - UploadIds.LENGTH;
            if (end < 0 || idAt - 1 < end + 1) throw new MetadataException("malformed upload key");
            return new UploadKey(Utf8.decode(bytes, 0, end), Utf8.decode(bytes, end + 1, idAt - 1 - end - 1),
                    new String(bytes, idAt, UploadIds.LENGTH, StandardCharsets.US_ASCII));
        }
    };

    /** Upload id, then the part number as 4 bytes big-endian (1..10,000, so numeric order). */
    static final Codec<PartKey> PART = new Codec<>() {
        @Override
        public byte[] encode(PartKey id) {
            return ByteBuffer.allocate(UploadIds.LENGTH + Integer.BYTES)
                    .put(idBytes(id.uploadId())).putInt(id.partNumber()).array();
        }

        @Override
        public PartKey decode(byte[] bytes) {
            if (bytes.length != UploadIds.LENGTH + Integer.BYTES) throw new MetadataException("malformed part key");
            return new PartKey(new String(bytes, 0, UploadIds.LENGTH, StandardCharsets.US_ASCII),
                    ByteBuffer.wrap(bytes, UploadIds.LENGTH, Integer.BYTES).getInt());
        }
    };

    /** The upload id alone. */
    static final Codec<String> UPLOAD_ID = new Codec<>() {
        @Override
        public byte[] encode(String id) {
            return idBytes(id);
        }

        @Override
        public String decode(byte[] bytes) {
            return new String(bytes, StandardCharsets.US_ASCII);
        }
    };

    /** Bucket, 0x00, key, 0x00: every upload of that key starts so. */
    static byte[] keyStart(String bucket, String key) {
        return ByteKeys.justAfter(ByteKeys.concat(KeyCodecs.bucketStart(bucket), KeyCodecs.keyBytes(key)));
    }

    /** The object key inside a stored upload key that begins with {@code bucketStart}. */
    static byte[] objectKeyBytes(byte[] stored, int bucketStartLength) {
        return Arrays.copyOfRange(stored, bucketStartLength, stored.length - UploadIds.LENGTH - 1);
    }

    static byte[] idBytes(String uploadId) {
        if (!UploadIds.isWellFormed(uploadId)) throw new IllegalArgumentException("malformed upload id");
        return uploadId.getBytes(StandardCharsets.US_ASCII);
    }
}

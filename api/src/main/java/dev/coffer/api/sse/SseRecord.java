package dev.coffer.api.sse;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Objects;

/**
 * How one object version (or one multipart upload) is encrypted: the value of its {@code sse}
 * attribute (metadata/COMMANDS.md, "sse"). It holds the data key only wrapped, and of an SSE-C
 * customer key only its MD5 and a salted fingerprint keyed by the master key — never the key.
 *
 * @param kind which scheme wrapped the data key
 * @param wrappedKey the data key as {@code KeyWrap} wrapped it (61 bytes)
 * @param kmsKeyId the key ring's key id (SSE-KMS), else null
 * @param bucketKeyEnabled the request's (or bucket default's) S3 Bucket Key setting, echoed back
 * @param customerKeyMd5 base64 MD5 of the customer key (SSE-C), else null
 * @param salt random salt of the fingerprint (SSE-C), else empty
 * @param fingerprint HMAC-SHA256 under the fingerprint key of salt ‖ customer key (SSE-C), else empty
 */
public record SseRecord(Kind kind, byte[] wrappedKey, String kmsKeyId, boolean bucketKeyEnabled, String customerKeyMd5,
                        byte[] salt, byte[] fingerprint) {
    /** The attribute's name on an ObjectRecord and an UploadRecord. */
    public static final String ATTRIBUTE = "sse";
    private static final int FORMAT = 1;

    /** The schemes, in their stored order (the ordinal is the stored byte: append only). */
    public enum Kind {
        /** SSE-S3: the master key wraps the data key. */
        S3("AES256"),
        /** SSE-KMS: a key ring's key wraps the data key. */
        KMS("aws:kms"),
        /** SSE-C: the customer's key wraps the data key. */
        CUSTOMER("AES256");

        /** The value of x-amz-server-side-encryption (or of the customer algorithm for SSE-C). */
        public final String header;

        Kind(String header) {
            this.header = header;
        }
    }

    public SseRecord {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(wrappedKey);
        salt = salt == null ? new byte[0] : salt;
        fingerprint = fingerprint == null ? new byte[0] : fingerprint;
    }

    /** The key-wrap context: binds a wrapped key to its scheme (and KMS key). */
    public String context() {
        return switch (kind) {
            case S3 -> "sse-s3";
            case KMS -> "sse-kms:" + kmsKeyId;
            case CUSTOMER -> "sse-c";
        };
    }

    /**
     * Layout (big-endian): u8 format (1), u8 kind ordinal, u16 length + wrapped key, u8 bucket
     * key (0/1), UTF kms key id ("" = none), UTF customer key MD5 ("" = none), u16 length + salt,
     * u16 length + fingerprint.
     */
    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeByte(kind.ordinal());
            writeBytes(out, wrappedKey);
            out.writeBoolean(bucketKeyEnabled);
            out.writeUTF(kmsKeyId == null ? "" : kmsKeyId);
            out.writeUTF(customerKeyMd5 == null ? "" : customerKeyMd5);
            writeBytes(out, salt);
            writeBytes(out, fingerprint);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static SseRecord decode(byte[] value) {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(value))) {
            int format = in.readUnsignedByte();
            if (format != FORMAT) throw new IllegalStateException("unknown sse attribute format " + format);
            Kind kind = Kind.values()[in.readUnsignedByte()];
            byte[] wrapped = readBytes(in);
            boolean bucketKey = in.readBoolean();
            String kmsKeyId = in.readUTF();
            String md5 = in.readUTF();
            return new SseRecord(kind, wrapped, kmsKeyId.isEmpty() ? null : kmsKeyId, bucketKey,
                    md5.isEmpty() ? null : md5, readBytes(in), readBytes(in));
        } catch (IOException e) {
            throw new IllegalStateException("damaged sse attribute", e);
        }
    }

    private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeShort(bytes.length);
        out.write(bytes);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        byte[] bytes = new byte[in.readUnsignedShort()];
        in.readFully(bytes);
        return bytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SseRecord r && Arrays.equals(encode(), r.encode());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encode());
    }

    @Override
    public String toString() {
        return "SseRecord[" + kind + (kmsKeyId == null ? "" : " " + kmsKeyId) + "]";
    }
}

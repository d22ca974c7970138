package dev.coffer.api.checksum;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/** S3's flexible checksum algorithms, each with its header name and a streaming calculator. */
public enum ChecksumAlgorithm {
    CRC32(() -> crc(new CRC32(), 4)),
    CRC32C(() -> crc(new CRC32C(), 4)),
    CRC64NVME(() -> crc(new Crc64Nvme(), 8)),
    SHA1(() -> digest("SHA-1")),
    SHA256(() -> digest("SHA-256"));

    private final Supplier<Calculator> factory;

    ChecksumAlgorithm(Supplier<Calculator> factory) {
        this.factory = factory;
    }

    /** The header carrying this checksum, e.g. {@code x-amz-checksum-crc32}. */
    public String header() {
        return "x-amz-checksum-" + name().toLowerCase(Locale.ROOT);
    }

    public Calculator newCalculator() {
        return factory.get();
    }

    /** By name as x-amz-sdk-checksum-algorithm gives it (any case). */
    public static Optional<ChecksumAlgorithm> named(String name) {
        for (ChecksumAlgorithm a : values()) if (a.name().equalsIgnoreCase(name.trim())) return Optional.of(a);
        return Optional.empty();
    }

    /** By header name ({@code x-amz-checksum-sha256}, any case). */
    public static Optional<ChecksumAlgorithm> byHeader(String header) {
        for (ChecksumAlgorithm a : values()) if (a.header().equalsIgnoreCase(header.trim())) return Optional.of(a);
        return Optional.empty();
    }

    /** Computes one checksum over a stream of buffers. */
    public interface Calculator {
        /** Adds the remaining bytes of data without moving its position. */
        void update(ByteBuffer data);

        /** The checksum, base64 as S3 sends it. */
        String base64();
    }

    private static Calculator crc(Checksum checksum, int bytes) {
        return new Calculator() {
            public void update(ByteBuffer data) {
                checksum.update(data.duplicate());
            }

            public String base64() {
                long v = checksum.getValue();
                byte[] out = new byte[bytes];
                for (int i = 0; i < bytes; i++) out[i] = (byte) (v >>> (8 * (bytes - 1 - i)));
                return Base64.getEncoder().encodeToString(out);
            }
        };
    }

    private static Calculator digest(String algorithm) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return new Calculator() {
            public void update(ByteBuffer data) {
                md.update(data.duplicate());
            }

            public String base64() {
                return Base64.getEncoder().encodeToString(md.digest());
            }
        };
    }
}

package dev.coffer.compat.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;
import java.util.zip.CRC32;

/** Deterministic payloads and the digests S3 reports for them. */
public final class TestData {

    public static final int MIB = 1024 * 1024;

    private TestData() {
    }

    /** {@code size} pseudo-random bytes, the same for the same seed on every run. */
    public static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The ETag S3 gives a single-part upload: the MD5 in lowercase hex, in double quotes. */
    public static String etagOf(byte[] bytes) {
        return "\"" + HexFormat.of().formatHex(digest("MD5", bytes)) + "\"";
    }

    public static String md5Base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(digest("MD5", bytes));
    }

    public static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(digest("SHA-256", bytes));
    }

    /** The base64 of the big-endian CRC32, as in {@code x-amz-checksum-crc32}. */
    public static String crc32Base64(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        long v = crc.getValue();
        byte[] be = {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
        return Base64.getEncoder().encodeToString(be);
    }

    /**
     * Decodes RFC 2047 encoded words ({@code =?UTF-8?B?...?=} or {@code =?UTF-8?Q?...?=}), the form
     * in which S3 returns user metadata values that hold non-ASCII characters; other text is kept.
     */
    public static String decodeRfc2047(String value) {
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("=\\?([^?]+)\\?([BbQq])\\?([^?]*)\\?=(\\s+(?==\\?))?").matcher(value);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            out.append(value, last, m.start());
            java.nio.charset.Charset charset = java.nio.charset.Charset.forName(m.group(1));
            byte[] bytes;
            if (m.group(2).equalsIgnoreCase("B")) {
                bytes = Base64.getDecoder().decode(m.group(3));
            } else {
                java.io.ByteArrayOutputStream q = new java.io.ByteArrayOutputStream();
                String text = m.group(3);
                for (int i = 0; i < text.length(); i++) {
                    char c = text.charAt(i);
                    if (c == '_') {
                        q.write(' ');
                    } else if (c == '=') {
                        q.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                        i += 2;
                    } else {
                        q.write(c);
                    }
                }
                bytes = q.toByteArray();
            }
            out.append(new String(bytes, charset));
            last = m.end();
        }
        return out.append(value.substring(last)).toString();
    }

    /** The RFC 2047 B-encoded word for a UTF-8 string. */
    public static String encodeRfc2047(String value) {
        return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(utf8(value)) + "?=";
    }

    private static byte[] digest(String algorithm, byte[] bytes) {
        try {
            return MessageDigest.getInstance(algorithm).digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

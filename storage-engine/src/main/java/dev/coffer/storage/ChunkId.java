package dev.coffer.storage;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** The name of one chunk file: 32 lowercase hex digits (128 random bits). */
public record ChunkId(String value) {
    private static final Pattern FORM = Pattern.compile("[0-9a-f]{32}");
    private static final SecureRandom RANDOM = new SecureRandom();

    public ChunkId {
        if (value == null || !FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("not a chunk id: " + value);
        }
    }

    public static ChunkId random() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return new ChunkId(HexFormat.of().formatHex(bytes));
    }

    @Override
    public String toString() {
        return value;
    }
}

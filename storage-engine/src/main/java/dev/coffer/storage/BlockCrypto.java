package dev.coffer.storage;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.IvParameterSpec;

/**
 * AES-256-CTR over a chunk's payload (FORMAT.md, "Encrypted chunks"): the counter block of the
 * 16 payload bytes at offset {@code p} is {@code chunkId + p/16} (the chunk id read as a 128-bit
 * big-endian integer, added modulo 2^128), so block {@code i} starts at counter
 * {@code chunkId + i·4096} and can be decrypted alone. Not thread-safe: one per reader or writer.
 */
final class BlockCrypto {
    /** An AES block: the counter advances by one every 16 bytes. */
    static final int AES_BLOCK = 16;
    private static final String TRANSFORMATION = "AES/CTR/NoPadding";

    private final DataKey key;
    private final byte[] chunkId;
    private final Cipher cipher;

    BlockCrypto(DataKey key, ChunkId id) {
        this.key = key;
        this.chunkId = java.util.HexFormat.of().parseHex(id.value());
        this.cipher = newCipher();
    }

    /**
     * Positions the key stream at payload offset {@code offset}; following {@link #crypt} calls
     * continue from there. REQUIRES: {@code offset % 16 == 0}.
     */
    void seek(long offset) {
        if (offset % AES_BLOCK != 0) throw new IllegalArgumentException("offset not on an AES block: " + offset);
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key.spec(), new IvParameterSpec(counter(chunkId, offset / AES_BLOCK)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CTR refused a 256-bit key", e);
        }
    }

    /** Encrypts (or decrypts) all of {@code src} into {@code dst}, which may be the same memory. */
    void crypt(ByteBuffer src, ByteBuffer dst) {
        try {
            cipher.update(src, dst);
        } catch (ShortBufferException e) {
            throw new IllegalArgumentException("destination shorter than source", e);
        }
    }

    /** Encrypts (or decrypts) {@code buffer}'s remaining bytes in place; its position is unchanged. */
    void cryptInPlace(ByteBuffer buffer) {
        crypt(buffer.duplicate(), buffer.duplicate());
    }

    static byte[] cryptInline(DataKey key, byte[] bytes) {
        try {
            Cipher cipher = newCipher();
            cipher.init(Cipher.ENCRYPT_MODE, key.spec(), new IvParameterSpec(new byte[AES_BLOCK]));
            return cipher.doFinal(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CTR refused a 256-bit key", e);
        }
    }

    /** {@code base + blocks} as 128-bit big-endian integers, modulo 2^128. */
    static byte[] counter(byte[] base, long blocks) {
        byte[] iv = base.clone();
        long carry = blocks;
        for (int i = iv.length - 1; i >= 0 && carry != 0; i--) {
            long sum = (iv[i] & 0xFF) + (carry & 0xFF);
            iv[i] = (byte) sum;
            carry = (carry >>> 8) + (sum >>> 8);
        }
        return iv;
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance(TRANSFORMATION);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks " + TRANSFORMATION, e);
        }
    }
}

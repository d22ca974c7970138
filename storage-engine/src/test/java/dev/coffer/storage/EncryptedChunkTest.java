package dev.coffer.storage;

import static dev.coffer.storage.TestChunks.*;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Chunks written under a data key: FORMAT.md, "Encrypted chunks". */
class EncryptedChunkTest {
    @TempDir Path root;
    ChunkStore store;
    final DataKey key = DataKey.generate();

    @BeforeEach
    void open() throws IOException {
        store = ChunkStore.open(root, 1 * MIB);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 15, 17, BLOCK - 1, BLOCK, BLOCK + 1, 3 * MIB + 5})
    void everyByteComesBackAsWrittenAcrossChunks(int size) throws IOException {
        byte[] payload = randomBytes(size, size);
        List<ChunkRef> refs = write(payload, 10_007);
        assertArrayEquals(payload, read(refs, key));
    }

    @Test
    void aMarkerWrittenEncryptedIsNowhereOnDisk() throws IOException {
        byte[] marker = "coffer-marker-7f3a9c".getBytes(StandardCharsets.US_ASCII);
        byte[] payload = new byte[5 * BLOCK];
        for (int at = 0; at + marker.length <= payload.length; at += marker.length) {
            System.arraycopy(marker, 0, payload, at, marker.length);
        }
        List<ChunkRef> refs = write(payload, 4096);
        byte[] onDisk = Files.readAllBytes(chunkFile(root, refs.get(0).id()));
        assertFalse(contains(onDisk, marker), "marker found in the chunk file");
        List<ChunkRef> plain = TestChunks.writeAll(store, payload, 4096);
        assertTrue(contains(Files.readAllBytes(chunkFile(root, plain.get(0).id())), marker));
    }

    @Test
    void theCiphertextIsAesCtrFromTheChunkIdAsFormatMdSays() throws IOException {
        byte[] payload = randomBytes(2 * BLOCK + 99, 3);
        ChunkRef ref = write(payload, 777).get(0);
        byte[] onDisk = Arrays.copyOf(Files.readAllBytes(chunkFile(root, ref.id())), payload.length);
        try {
            Cipher ctr = Cipher.getInstance("AES/CTR/NoPadding");
            ctr.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key.bytes(), "AES"),
                    new IvParameterSpec(java.util.HexFormat.of().parseHex(ref.id().value())));
            assertArrayEquals(payload, ctr.doFinal(onDisk));
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void rangesStartingMidBlockDecryptOnlyWhatTheyTouch() throws IOException {
        byte[] payload = randomBytes(MIB - 3, 5);
        ChunkId id = write(payload, 65_000).get(0).id();
        Random random = new Random(13);
        try (ChunkReader reader = store.openReader(id, key)) {
            for (int i = 0; i < 300; i++) {
                int position = random.nextInt(payload.length);
                int length = 1 + random.nextInt(3 * BLOCK);
                ByteBuffer dst = i % 2 == 0 ? ByteBuffer.allocate(length) : ByteBuffer.allocateDirect(length);
                int n = reader.read(position, dst);
                assertEquals(Math.min(length, payload.length - position), n);
                byte[] got = new byte[n];
                dst.flip().get(got);
                assertArrayEquals(Arrays.copyOfRange(payload, position, position + n), got, "at " + position);
            }
        }
    }

    @Test
    void aDamagedEncryptedBlockFailsItsCrcBeforeAnyByteIsDecrypted() throws IOException {
        byte[] payload = randomBytes(3 * BLOCK, 9);
        ChunkId id = write(payload, BLOCK).get(0).id();
        flipByte(chunkFile(root, id), BLOCK + 10);
        try (ChunkReader reader = store.openReader(id, key)) {
            ByteBuffer first = ByteBuffer.allocate(BLOCK);
            reader.read(0, first);
            assertArrayEquals(Arrays.copyOf(payload, BLOCK), first.array());
            assertThrows(ChunkCorruptedException.class, () -> reader.read(BLOCK, ByteBuffer.allocate(BLOCK)));
        }
    }

    @Test
    void anotherKeyReadsNoiseNotThePayload() throws IOException {
        byte[] payload = randomBytes(BLOCK, 21);
        List<ChunkRef> refs = write(payload, BLOCK);
        assertFalse(Arrays.equals(payload, read(refs, DataKey.generate())));
    }

    @Test
    void inlineBytesRoundTripAndDifferPerKey() {
        byte[] bytes = "small object".getBytes(StandardCharsets.UTF_8);
        byte[] sealed = key.cryptInline(bytes);
        assertFalse(Arrays.equals(bytes, sealed));
        assertArrayEquals(bytes, key.cryptInline(sealed));
        assertFalse(Arrays.equals(sealed, DataKey.generate().cryptInline(bytes)));
    }

    @Test
    void theCounterAddsWithCarryAcrossAll128Bits() {
        byte[] base = new byte[16];
        Arrays.fill(base, 8, 16, (byte) 0xFF);
        byte[] next = BlockCrypto.counter(base, 1);
        byte[] expected = new byte[16];
        expected[7] = 1;
        assertArrayEquals(expected, next);
        byte[] all = new byte[16];
        Arrays.fill(all, (byte) 0xFF);
        assertArrayEquals(new byte[16], BlockCrypto.counter(all, 1));
    }

    private List<ChunkRef> write(byte[] payload, int piece) throws IOException {
        try (ChunkWriter writer = store.newWriter(key)) {
            for (int at = 0; at < payload.length; at += piece) {
                writer.write(ByteBuffer.wrap(payload, at, Math.min(piece, payload.length - at)));
            }
            return writer.finish();
        }
    }

    private byte[] read(List<ChunkRef> refs, DataKey with) throws IOException {
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(refs.stream().mapToLong(ChunkRef::length).sum()));
        for (ChunkRef ref : refs) {
            try (ChunkReader reader = store.openReader(ref.id(), with)) {
                long position = 0;
                ByteBuffer buffer = ByteBuffer.allocateDirect(BLOCK);
                int n;
                while ((n = reader.read(position, buffer.clear())) > 0) {
                    out.put(buffer.flip());
                    position += n;
                }
            }
        }
        return out.array();
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
            return true;
        }
        return false;
    }
}

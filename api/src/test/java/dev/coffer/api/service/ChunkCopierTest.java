package dev.coffer.api.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.api.checksum.ChecksumAlgorithm;
import dev.coffer.metadata.ChunkPointer;
import dev.coffer.metadata.ObjectRecord;
import dev.coffer.metadata.PartInfo;
import dev.coffer.storage.ChunkId;
import dev.coffer.storage.ChunkReader;
import dev.coffer.storage.ChunkRef;
import dev.coffer.storage.ChunkStore;
import dev.coffer.storage.ChunkWriter;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChunkCopierTest {
    private static final int CHUNK = 256 * 1024;
    @TempDir
    Path dir;
    private ChunkStore store;
    private ChunkLeases leases;
    private ChunkCopier copier;
    private final byte[] bytes = new byte[3 * CHUNK + 1234];

    @BeforeEach
    void open() throws Exception {
        store = ChunkStore.open(dir, CHUNK);
        leases = new ChunkLeases();
        copier = new ChunkCopier(store, leases);
        new Random(7).nextBytes(bytes);
    }

    @AfterEach
    void close() throws Exception {
        store.close();
    }

    /** The bytes as one chunked object (several chunks, since the store's chunks hold 256 KiB). */
    private ObjectRecord stored(String etag, List<PartInfo> parts) throws Exception {
        List<ChunkPointer> pointers = new ArrayList<>();
        try (ChunkWriter writer = store.newWriter()) {
            writer.write(ByteBuffer.wrap(bytes));
            for (ChunkRef ref : writer.finish()) pointers.add(new ChunkPointer(ref.id().value(), ref.length()));
        }
        assertThat(pointers).hasSizeGreaterThan(1);
        if (parts.isEmpty()) return ObjectRecord.ofBody(bytes.length, etag, 1L, Map.of(), Map.of(), Map.of(), null, pointers);
        return ObjectRecord.ofParts(bytes.length, etag, 1L, Map.of(), Map.of(), Map.of(), null, pointers, parts);
    }

    private byte[] read(List<ChunkRef> refs) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer block = ByteBuffer.allocate(64 * 1024);
        for (ChunkRef ref : refs) {
            try (ChunkReader reader = store.openReader(new ChunkId(ref.id().value()))) {
                for (long at = 0; at < ref.length(); ) {
                    block.clear();
                    int n = reader.read(at, block);
                    out.write(block.array(), 0, n);
                    at += n;
                }
            }
        }
        return out.toByteArray();
    }

    private static String md5(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
    }

    @Test
    void aRangeAcrossChunksIsCopiedWithItsMd5AndChecksum() throws Exception {
        ObjectRecord source = stored(md5(bytes), List.of());
        int first = CHUNK - 10;
        int last = 2 * CHUNK + 99;
        byte[] expected = Arrays.copyOfRange(bytes, first, last + 1);
        ChunkCopier.Copied copied = copier.copy(source, null, first, last, true, ChecksumAlgorithm.CRC32, null);
        assertThat(read(copied.chunks())).isEqualTo(expected);
        assertThat(copied.size()).isEqualTo(expected.length);
        assertThat(copied.md5Hex()).isEqualTo(md5(expected));
        ChecksumAlgorithm.Calculator crc = ChecksumAlgorithm.CRC32.newCalculator();
        crc.update(ByteBuffer.wrap(expected));
        assertThat(copied.checksum()).isEqualTo(crc.base64());
    }

    @Test
    void theWholeOfASinglePartObjectTakesItsMd5FromTheEtagInsteadOfHashingAgain() throws Exception {
        // An ETag that is not the bytes' MD5 shows where the answer came from.
        String etag = "0123456789abcdef0123456789abcdef";
        ChunkCopier.Copied copied = copier.copy(stored(etag, List.of()), null, 0, bytes.length - 1, true, null, null);
        assertThat(copied.md5Hex()).isEqualTo(etag);
        assertThat(read(copied.chunks())).isEqualTo(bytes);
    }

    @Test
    void theWholeOfAMultipartObjectIsHashed() throws Exception {
        ObjectRecord source = stored("0123456789abcdef0123456789abcdef-2",
                List.of(new PartInfo(1, CHUNK, "a", null), new PartInfo(2, bytes.length - CHUNK, "b", null)));
        assertThat(copier.copy(source, null, 0, bytes.length - 1, true, null, null).md5Hex()).isEqualTo(md5(bytes));
    }

    @Test
    void theSourceChunksAreLeasedOnlyWhileCopying() throws Exception {
        ObjectRecord source = stored(md5(bytes), List.of());
        assertThat(read(copier.copyAll(source, null, null))).isEqualTo(bytes);
        assertThat(source.chunks()).noneMatch(c -> leases.isHeld(c.chunkId()));
    }
}

package dev.coffer.storage;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The footer bytes are exactly FORMAT.md's table. */
class ChunkFooterTest {
    @TempDir Path dir;

    @Test
    void emptyPayloadFooterIsTheTrailerAlone() {
        ByteBuffer footer = new ChunkFooter(0, new int[0]).encode();
        assertEquals(ChunkFormat.TRAILER_SIZE, footer.remaining());
        String hex = HexFormat.of().formatHex(footer.array(), 0, 28);
        assertEquals("436f66666572436b" + "00000001" + "00010000" + "0000000000000000" + "00000000", hex);
    }

    @Test
    void trailerStartsWithReadableMagic() {
        ByteBuffer footer = new ChunkFooter(1, new int[] {0xAABBCCDD}).encode();
        assertEquals(4 + ChunkFormat.TRAILER_SIZE, footer.remaining());
        assertEquals(0xAABBCCDD, footer.getInt(0));
        assertEquals("CofferCk", new String(footer.array(), 4, 8, StandardCharsets.US_ASCII));
        assertEquals(1, footer.getLong(4 + ChunkFormat.OFF_PAYLOAD_LENGTH));
        assertEquals(1, footer.getInt(4 + ChunkFormat.OFF_BLOCK_COUNT));
    }

    @Test
    void encodedFooterReadsBack() throws IOException {
        int[] crcs = {1, -2, 3};
        long length = 2L * ChunkFormat.BLOCK_SIZE + 10;
        Path file = dir.resolve("chunk");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            channel.write(new ChunkFooter(length, crcs).encode(), length);
            ChunkFooter read = ChunkFooter.read(ChunkBytes.of(channel), ChunkId.random());
            assertEquals(length, read.payloadLength());
            assertArrayEquals(crcs, read.crcs());
        }
    }

    @Test
    void crcCountMustMatchThePayloadLength() {
        assertThrows(IllegalArgumentException.class, () -> new ChunkFooter(ChunkFormat.BLOCK_SIZE + 1, new int[1]));
    }
}

package dev.coffer.storage;

import static dev.coffer.storage.ChunkFormat.*;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The CRC table and trailer at the end of a chunk file (FORMAT.md, "Chunk file layout").
 * Invariant: {@code crcs.length == blockCount(payloadLength)}.
 */
record ChunkFooter(long payloadLength, int[] crcs) {

    ChunkFooter {
        if (crcs.length != blockCount(payloadLength)) {
            throw new IllegalArgumentException(crcs.length + " CRCs for " + payloadLength + " bytes");
        }
    }

    /** The footer bytes, ready to append after the payload. */
    ByteBuffer encode() {
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(footerSize(crcs.length)));
        for (int crc : crcs) out.putInt(crc);
        out.putLong(MAGIC).putInt(VERSION).putInt(BLOCK_SIZE)
                .putLong(payloadLength).putInt(crcs.length);
        out.putInt(crcOf(out, out.position()));
        return out.flip();
    }

    /**
     * Reads and checks the footer of the chunk file open in {@code channel}.
     *
     * @throws ChunkCorruptedException if any check of FORMAT.md fails but the version check
     * @throws IOException if the footer is sound but of a version this code does not know
     */
    static ChunkFooter read(ChunkBytes channel, ChunkId id) throws IOException {
        long size = channel.size();
        if (size < TRAILER_SIZE) throw new ChunkCorruptedException(id, "file of " + size + " bytes");
        ByteBuffer trailer = readAt(channel, id, size - TRAILER_SIZE, TRAILER_SIZE);
        if (trailer.getLong(OFF_MAGIC) != MAGIC) throw new ChunkCorruptedException(id, "bad magic");
        long payloadLength = trailer.getLong(OFF_PAYLOAD_LENGTH);
        long blockCount = Integer.toUnsignedLong(trailer.getInt(OFF_BLOCK_COUNT));
        // Checked before allocating the table, so a wild count cannot ask for a huge buffer.
        if (blockCount > blockCount(MAX_CHUNK_SIZE)) {
            throw new ChunkCorruptedException(id, blockCount + " blocks, more than any chunk holds");
        }
        if (payloadLength < 0 || payloadLength > size || payloadLength + footerSize(blockCount) != size) {
            throw new ChunkCorruptedException(id, "size " + size + " does not match a payload of "
                    + payloadLength + " bytes and " + blockCount + " blocks");
        }
        int tableSize = Math.toIntExact(blockCount * CRC_SIZE);
        ByteBuffer footer = ByteBuffer.allocate(tableSize + TRAILER_SIZE);
        footer.put(readAt(channel, id, payloadLength, tableSize)).put(trailer.rewind()).flip();
        if (crcOf(footer, tableSize + OFF_FOOTER_CRC) != trailer.getInt(OFF_FOOTER_CRC)) {
            throw new ChunkCorruptedException(id, "footer CRC mismatch");
        }
        int version = trailer.getInt(OFF_VERSION);
        if (version != VERSION) throw new IOException("chunk " + id + " has unknown format version " + version);
        if (trailer.getInt(OFF_BLOCK_SIZE) != BLOCK_SIZE) {
            throw new ChunkCorruptedException(id, "block size " + trailer.getInt(OFF_BLOCK_SIZE));
        }
        if (blockCount != blockCount(payloadLength)) {
            throw new ChunkCorruptedException(id, blockCount + " blocks for " + payloadLength + " bytes");
        }
        int[] crcs = new int[(int) blockCount];
        footer.rewind().asIntBuffer().get(crcs);
        return new ChunkFooter(payloadLength, crcs);
    }

    private static ByteBuffer readAt(ChunkBytes channel, ChunkId id, long position, int length)
            throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        try {
            channel.readFully(buffer, position);
        } catch (EOFException e) {
            throw new ChunkCorruptedException(id, "file shrank while its footer was read");
        }
        return buffer.flip();
    }

    /** CRC32C of bytes [0, end) of {@code buffer}, leaving its position alone. */
    private static int crcOf(ByteBuffer buffer, int end) {
        CRC32C crc = new CRC32C();
        crc.update(buffer.duplicate().position(0).limit(end));
        return (int) crc.getValue();
    }
}

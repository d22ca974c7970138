package dev.coffer.storage;

/** Every number of the chunk file format and directory layout; FORMAT.md explains them. */
final class ChunkFormat {
    private ChunkFormat() {}

    /** Payload bytes per checksummed block: a ranged read re-reads at most one block per edge,
     *  and the CRC table costs 4 bytes per 64 KiB (0.006 %). */
    static final int BLOCK_SIZE = 64 * 1024;

    /** Bytes of one CRC32C table entry: a CRC32C is 32 bits. */
    static final int CRC_SIZE = 4;

    /** "CofferCk" in ASCII: tells a chunk file from a stray or foreign file, readable in a hex dump. */
    static final long MAGIC = 0x436F66666572436BL;

    /** The only version written and read; bump it when any byte of the layout changes meaning. */
    static final int VERSION = 1;

    /** Trailer bytes: magic 8 + version 4 + block size 4 + payload length 8 + block count 4
     *  + footer CRC 4; fixed so the reader finds it with one read at size − 32. */
    static final int TRAILER_SIZE = 32;

    /** Trailer field offsets, in the order of FORMAT.md's table. */
    static final int OFF_MAGIC = 0;
    static final int OFF_VERSION = 8;
    static final int OFF_BLOCK_SIZE = 12;
    static final int OFF_PAYLOAD_LENGTH = 16;
    static final int OFF_BLOCK_COUNT = 24;
    static final int OFF_FOOTER_CRC = 28;

    /** Largest maxChunkSize a store accepts: 4 GiB keeps a reader's in-memory CRC table at
     *  most 256 KiB and the block count far inside an int. */
    static final long MAX_CHUNK_SIZE = 4L * 1024 * 1024 * 1024;

    /** Number of "chunks/xx" fan-out directories' hex digits: 2 digits = 256 directories, so
     *  ten million chunks leave about 40 000 entries in each. */
    static final int PREFIX_DIGITS = 2;

    /** Suffix of a chunk being written in tmp/, so a temp file is never mistaken for a chunk. */
    static final String TEMP_SUFFIX = ".part";

    /** Blocks needed for {@code payloadLength} bytes; the last block may be short. */
    static long blockCount(long payloadLength) {
        return (payloadLength + BLOCK_SIZE - 1) / BLOCK_SIZE;
    }

    /** Length of the footer (CRC table + trailer) for {@code blockCount} blocks. */
    static long footerSize(long blockCount) {
        return blockCount * CRC_SIZE + TRAILER_SIZE;
    }
}

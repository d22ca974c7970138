package dev.coffer.storage;

import static dev.coffer.storage.ChunkFormat.BLOCK_SIZE;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/**
 * Reads a published chunk block by block, checking each block's CRC32C before any of its bytes
 * reach the caller (FORMAT.md, "Reading and verifying"), and decrypting it only then when the
 * chunk is encrypted (FORMAT.md, "Encrypted chunks"). Not thread-safe: it owns one block
 * buffer. Invariant: {@code cachedBlock}, when not -1, names the verified block in {@code block}.
 */
final class VerifyingChunkReader implements ChunkReader {
    /**
     * Where {@link PlainChunkFile#verify} reads the blocks it checks: four blocks per positional
     * read, one buffer per thread that verifies (the bounded I/O pool), not one per reader.
     */
    private static final ThreadLocal<ByteBuffer> VERIFY_BUFFER =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(4 * BLOCK_SIZE));

    private final ChunkId id;
    private final StoreLayout layout;
    private final ChunkBytes channel;
    private final long length;
    private final int[] crcs;
    private final CRC32C crc = new CRC32C();
    private final BlockCrypto crypto;
    private ByteBuffer block;
    private long cachedBlock = -1;
    private boolean corrupted;
    private boolean closed;

    private VerifyingChunkReader(ChunkId id, StoreLayout layout, ChunkBytes channel, ChunkFooter footer, DataKey key) {
        this.id = id;
        this.crypto = key == null ? null : new BlockCrypto(key, id);
        this.layout = layout;
        this.channel = channel;
        this.length = footer.payloadLength();
        this.crcs = footer.crcs();
    }

    /**
     * A reader of {@code channel}'s bytes (closed with the reader); a failed check quarantines the
     * published chunk of {@code layout}, or nothing when it is null (bytes that are not this
     * store's published file: another node's replica, a transfer not yet published).
     */
    static VerifyingChunkReader open(StoreLayout layout, ChunkId id, DataKey key, ChunkBytes channel) throws IOException {
        try {
            return new VerifyingChunkReader(id, layout, channel, ChunkFooter.read(channel, id), key);
        } catch (ChunkCorruptedException e) {
            channel.close();
            throw layout == null ? e : Quarantine.move(layout, e);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public int read(long position, ByteBuffer dst) throws IOException {
        if (closed) throw new ClosedChannelException();
        if (corrupted) throw new ChunkCorruptedException(id, "quarantined after a failed check");
        if (position < 0) throw new IllegalArgumentException("negative position " + position);
        if (position >= length) return -1;
        long at = position;
        while (dst.hasRemaining() && at < length) {
            long index = at / BLOCK_SIZE;
            int offset = (int) (at % BLOCK_SIZE);
            at += offset == 0 && dst.remaining() >= blockLength(index)
                    ? readWholeBlocksInto(index, dst)
                    : copyFromBlockBuffer(index, offset, dst);
        }
        return (int) (at - position);
    }

    @Override
    public void close() throws IOException {
        closed = true;
        channel.close();
    }

    /** This store's own file of a plain chunk; null when encrypted or not a local published file. */
    @Override
    public PlainChunkFile plainFile() {
        FileChannel file = channel.file();
        if (crypto != null || layout == null || file == null) return null;
        return new PlainChunkFile() {
            @Override
            public FileChannel channel() {
                return file;
            }

            @Override
            public void verify(long position, long count) throws IOException {
                VerifyingChunkReader.this.verify(position, count);
            }
        };
    }

    /** Checks every block that [position, position + count) touches, reading them through this thread's buffer. */
    private void verify(long position, long count) throws IOException {
        if (closed) throw new ClosedChannelException();
        if (corrupted) throw new ChunkCorruptedException(id, "quarantined after a failed check");
        if (position < 0 || count < 0 || position > length - count) {
            throw new IllegalArgumentException("range " + position + "+" + count + " outside " + length);
        }
        ByteBuffer buffer = VERIFY_BUFFER.get();
        long end = position + count;
        long endOfLastBlock = (end + BLOCK_SIZE - 1) / BLOCK_SIZE * BLOCK_SIZE;
        for (long at = position - position % BLOCK_SIZE; at < end; ) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), endOfLastBlock - at));
            at += readWholeBlocksInto(at / BLOCK_SIZE, buffer);
        }
    }

    /** The fast path: whole blocks read straight into dst, then checked in place. */
    private int readWholeBlocksInto(long first, ByteBuffer dst) throws IOException {
        long start = first * BLOCK_SIZE;
        int span = (int) Math.min(dst.remaining(), length - start);
        if (start + span < length) span -= span % BLOCK_SIZE;
        int base = dst.position();
        ByteBuffer view = dst.slice(base, span);
        readFully(view, start);
        for (int off = 0; off < span; off += BLOCK_SIZE) {
            int len = Math.min(BLOCK_SIZE, span - off);
            if (!matches(first + off / BLOCK_SIZE, view.duplicate().position(off).limit(off + len))) {
                for (int i = off; i < span; i++) dst.put(base + i, (byte) 0);
                dst.position(base + off);
                throw corrupt(first + off / BLOCK_SIZE);
            }
        }
        decrypt(first, view.rewind());
        dst.position(base + span);
        return span;
    }

    /** The general path: the block through this reader's buffer, which then serves later reads. */
    private int copyFromBlockBuffer(long index, int offset, ByteBuffer dst) throws IOException {
        int blockLength = blockLength(index);
        if (cachedBlock != index) {
            if (block == null) block = ByteBuffer.allocateDirect(BLOCK_SIZE);
            cachedBlock = -1;
            block.clear().limit(blockLength);
            readFully(block, index * BLOCK_SIZE);
            if (!matches(index, block.flip())) throw corrupt(index);
            decrypt(index, block.rewind());
            cachedBlock = index;
        }
        int n = Math.min(dst.remaining(), blockLength - offset);
        dst.put(dst.position(), block, offset, n).position(dst.position() + n);
        return n;
    }

    /** Decrypts, in place, verified bytes that start at block {@code first}; a no-op when stored plain. */
    private void decrypt(long first, ByteBuffer bytes) {
        if (crypto == null) return;
        crypto.seek(first * BLOCK_SIZE);
        crypto.cryptInPlace(bytes);
    }

    private void readFully(ByteBuffer dst, long position) throws IOException {
        try {
            channel.readFully(dst, position);
        } catch (EOFException e) {
            throw corrupt(position / BLOCK_SIZE);
        } catch (ChunkUnreadableException e) {
            // An I/O error on a local file: no byte of the block is trusted, the chunk leaves service.
            for (int i = 0; i < dst.limit(); i++) dst.put(i, (byte) 0); // what did arrive is unchecked
            corrupted = true;
            cachedBlock = -1;
            throw layout == null ? e : Quarantine.move(layout, e);
        }
    }

    private boolean matches(long index, ByteBuffer bytes) {
        crc.reset();
        crc.update(bytes);
        return (int) crc.getValue() == crcs[(int) index];
    }

    private ChunkCorruptedException corrupt(long index) {
        corrupted = true;
        cachedBlock = -1;
        ChunkCorruptedException e = new ChunkCorruptedException(id, "block " + index + " failed its CRC32C check");
        return layout == null ? e : Quarantine.move(layout, e);
    }

    private int blockLength(long index) {
        return (int) Math.min(BLOCK_SIZE, length - index * BLOCK_SIZE);
    }
}

package dev.coffer.storage;

import static dev.coffer.storage.ChunkFormat.BLOCK_SIZE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32C;

/**
 * One chunk being written in tmp/: payload bytes go straight to the file while the CRC32C of
 * each block is updated from the same buffer, so no byte is held or copied by us.
 * Invariant: {@code crcCount == length / BLOCK_SIZE} until sealed, when the short last block
 * (if any) gets its entry too. With a data key, each piece is encrypted into one 64 KiB buffer
 * first and the CRC is of the ciphertext, the bytes on disk (FORMAT.md, "Encrypted chunks").
 * Every {@link #WRITEBACK_STEP} bytes an early {@code fdatasync} starts on a write-back thread
 * while bytes keep coming, so that {@link #seal()}'s own {@code force(true)} — still the one the
 * chunk's durability rests on — finds little left to write (FORMAT.md, "Writing and publishing").
 */
final class TempChunk {
    /** Bytes appended between two early write-backs. */
    static final long WRITEBACK_STEP = 8L << 20;
    /** At most one early write-back per chunk is in flight; the threads only wait on the disk. */
    private static final ExecutorService WRITEBACK = Executors.newCachedThreadPool(task -> {
        Thread t = new Thread(task, "coffer-writeback");
        t.setDaemon(true);
        return t;
    });
    private final ChunkId id;
    private final Path path;
    private final DurabilityOps ops;
    private final FileChannel channel;
    private final BlockCrypto crypto;
    private final ChunkTee tee;
    private ByteBuffer sealedBlock;
    private final CRC32C blockCrc = new CRC32C();
    private int[] crcs = new int[16];
    private int crcCount;
    private int blockFill;
    private long length;
    private boolean sealed;
    private long unsynced;
    private Future<?> writeback;

    private TempChunk(ChunkId id, Path path, DurabilityOps ops, FileChannel channel, DataKey key, ChunkTee tee) {
        this.id = id;
        this.tee = tee;
        this.path = path;
        this.ops = ops;
        this.channel = channel;
        this.crypto = key == null ? null : new BlockCrypto(key, id);
        if (crypto != null) crypto.seek(0);
    }

    /**
     * A new temp chunk; its payload is encrypted under {@code key} unless it is null; {@code tee}
     * is told as its file grows.
     */
    static TempChunk create(StoreLayout layout, DataKey key, ChunkTee tee) throws IOException {
        ChunkId id = ChunkId.random();
        Path path = layout.tempPath(id);
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        TempChunk chunk = new TempChunk(id, path, layout.ops(), channel, key, tee);
        tee.started(id, path);
        return chunk;
    }

    ChunkId id() {
        return id;
    }

    Path path() {
        return path;
    }

    long length() {
        return length;
    }

    boolean sealed() {
        return sealed;
    }

    /**
     * Appends {@code count} bytes from {@code src}, advancing its position by as many: in one
     * {@code write} when they go to disk as they are (the CRCs taken block by block from the same
     * bytes first), in one per block piece when each piece is encrypted on the way.
     */
    void append(ByteBuffer src, long count) throws IOException {
        if (crypto == null) {
            ByteBuffer bytes = src.slice(src.position(), Math.toIntExact(count));
            crcBlocks(bytes.duplicate());
            FileIo.writeFully(channel, bytes);
            src.position(src.position() + bytes.position());
        } else {
            long left = count;
            while (left > 0) {
                int n = (int) Math.min(left, BLOCK_SIZE - blockFill);
                ByteBuffer piece = encrypted(src.slice(src.position(), n));
                crcBlocks(piece.duplicate());
                FileIo.writeFully(channel, piece);
                src.position(src.position() + n);
                left -= n;
            }
        }
        tee.written(id, length); // the payload's bytes in the file are as many (encrypted or not)
        unsynced += count;
        if (unsynced >= WRITEBACK_STEP && (writeback == null || writeback.isDone())) {
            awaitWriteback();
            unsynced = 0;
            writeback = WRITEBACK.submit(() -> {
                channel.force(false);
                return null;
            });
        }
    }

    /**
     * Waits for the early write-back in flight, if any, and reports its failure: a failed
     * fdatasync's error is reported once per open file, so seal()'s own force might not see it.
     */
    private void awaitWriteback() throws IOException {
        if (writeback == null) return;
        Future<?> pending = writeback;
        writeback = null;
        try {
            pending.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for an early write-back");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) throw io;
            throw new IOException("early write-back failed", e.getCause());
        }
    }

    /**
     * Appends the footer, forces data and metadata to disk and closes the file.
     * Invariant on return: the temp file is a complete chunk file, durable under its temp name.
     */
    void seal() throws IOException {
        awaitWriteback();
        if (blockFill > 0) endBlock();
        FileIo.writeFully(channel, new ChunkFooter(length, Arrays.copyOf(crcs, crcCount)).encode());
        tee.sealed(id, channel.position()); // others may fsync their copies while this one is forced
        ops.force(channel, path);
        channel.close();
        sealed = true;
    }

    /** Closes and deletes the temp file, quietly: used on paths that are already failing. */
    void discard() {
        tee.discarded(id);
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing only releases the descriptor; the delete below is what matters.
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // Left for ChunkStore.open, which empties tmp/.
        }
    }

    /** The piece as it goes to disk: itself, or its ciphertext (the key stream runs on across calls). */
    private ByteBuffer encrypted(ByteBuffer piece) {
        if (crypto == null) return piece;
        if (sealedBlock == null) sealedBlock = ByteBuffer.allocate(BLOCK_SIZE);
        sealedBlock.clear();
        crypto.crypt(piece, sealedBlock);
        return sealedBlock.flip();
    }

    /** Takes {@code bytes} (all of its remaining ones, consumed) into the block CRCs and the length. */
    private void crcBlocks(ByteBuffer bytes) {
        int end = bytes.limit();
        while (bytes.position() < end) {
            int n = Math.min(end - bytes.position(), BLOCK_SIZE - blockFill);
            bytes.limit(bytes.position() + n);
            blockCrc.update(bytes);
            length += n;
            blockFill += n;
            if (blockFill == BLOCK_SIZE) endBlock();
        }
    }

    private void endBlock() {
        if (crcCount == crcs.length) crcs = Arrays.copyOf(crcs, crcCount * 2);
        crcs[crcCount++] = (int) blockCrc.getValue();
        blockCrc.reset();
        blockFill = 0;
    }
}

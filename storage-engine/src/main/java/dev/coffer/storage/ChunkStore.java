package dev.coffer.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Chunk files under one root directory, laid out as storage-engine/FORMAT.md says. Knows nothing
 * of buckets, keys or HTTP. All methods block: call them off the event loop. Thread-safe.
 *
 * <p>Invariant: while open, this store holds the root's LOCK file, so no other store (in this
 * process or another) empties its tmp/ under a writer in flight.
 */
public final class ChunkStore implements AutoCloseable {
    private final StoreLayout layout;
    private final long maxChunkSize;
    private final FileChannel lockFile;
    private final DiskSpace space;
    private final ChunkFileReads reads;
    private volatile boolean closed;

    private ChunkStore(StoreLayout layout, long maxChunkSize, FileChannel lockFile, DiskSpace space, ChunkFileReads reads) {
        this.layout = layout;
        this.maxChunkSize = maxChunkSize;
        this.lockFile = lockFile;
        this.space = space;
        this.reads = reads;
    }

    /**
     * Opens (creating if needed) the store under {@code root} and deletes leftover temporary
     * files from an earlier run. {@code maxChunkSize} bounds the payload bytes of one chunk.
     *
     * <p>REQUIRES: {@code 0 < maxChunkSize <= 4 GiB}.
     *
     * @throws IOException also if another open store holds {@code root}
     */
    public static ChunkStore open(Path root, long maxChunkSize) throws IOException {
        return open(root, maxChunkSize, 0);
    }

    /**
     * {@link #open(Path, long)}, refusing writes ({@link StorageFullException}) while fewer than
     * {@code reserveBytes} are usable on the root's file system.
     */
    public static ChunkStore open(Path root, long maxChunkSize, long reserveBytes) throws IOException {
        return open(root, maxChunkSize, DurabilityOps.REAL, reserveBytes, null);
    }

    /** {@link #open(Path, long)} with the durability calls routed through {@code ops}; for tests. */
    static ChunkStore open(Path root, long maxChunkSize, DurabilityOps ops) throws IOException {
        return open(root, maxChunkSize, ops, 0, null);
    }

    /** As above, with the free space read from {@code probe} (null: the root's file system). */
    static ChunkStore open(Path root, long maxChunkSize, DurabilityOps ops, long reserveBytes, DiskSpace.Probe probe)
            throws IOException {
        return open(root, maxChunkSize, ops, reserveBytes, probe, ChunkFileReads.REAL);
    }

    /** As above, with every read of a chunk file made by {@code read}: tests make it fail as a disk does. */
    static ChunkStore open(Path root, long maxChunkSize, DurabilityOps ops, long reserveBytes, DiskSpace.Probe probe,
                           ChunkFileReads.Read read) throws IOException {
        if (maxChunkSize <= 0 || maxChunkSize > ChunkFormat.MAX_CHUNK_SIZE) {
            throw new IllegalArgumentException("maxChunkSize out of range: " + maxChunkSize);
        }
        StoreLayout layout = StoreLayout.create(root, ops);
        FileChannel lockFile = FileChannel.open(layout.root().resolve("LOCK"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = lockFile.tryLock();
        } catch (OverlappingFileLockException | IOException e) {
            lockFile.close();
            throw new IOException("chunk store " + layout.root() + " is already open", e);
        }
        if (lock == null) {
            lockFile.close();
            throw new IOException("chunk store " + layout.root() + " is already open in another process");
        }
        DiskSpace space = new DiskSpace(probe != null ? probe : DiskSpace.of(layout.root()), reserveBytes);
        ChunkStore store = new ChunkStore(layout, maxChunkSize, lockFile, space, new ChunkFileReads(read));
        try {
            layout.clearTmp();
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    /** The payload bytes at which a writer starts a new chunk. */
    public long maxChunkSize() {
        return maxChunkSize;
    }

    /** Starts writing a new byte stream, stored as it is. */
    public ChunkWriter newWriter() throws IOException {
        return newWriter(null);
    }

    /**
     * Starts writing a new byte stream whose chunks are encrypted under {@code key}, or stored as
     * they are when it is null (FORMAT.md, "Encrypted chunks").
     */
    public ChunkWriter newWriter(DataKey key) throws IOException {
        return newWriter(key, ChunkTee.NONE);
    }

    /**
     * As {@link #newWriter(DataKey)}, telling {@code tee} as each chunk file grows (to send its
     * bytes to other nodes while they are written).
     */
    public ChunkWriter newWriter(DataKey key, ChunkTee tee) throws IOException {
        requireOpen();
        space.requireRoom(0);
        return new StreamingChunkWriter(layout, maxChunkSize, key, space, tee);
    }

    /**
     * Refuses, before anything is written, a write of {@code bytes} that would leave less than the
     * reserve usable (0 bytes: is the reserve still free?).
     *
     * @throws StorageFullException if it would
     */
    public void requireRoom(long bytes) throws IOException {
        requireOpen();
        space.requireRoom(bytes);
    }

    /** Usable bytes on the store's file system now. */
    public long usableBytes() throws IOException {
        return space.usableBytes();
    }

    /**
     * Opens a published chunk for reading. A chunk whose footer fails its checks, or whose file
     * cannot be read (an I/O error: {@link ChunkUnreadableException}), is quarantined.
     *
     * @throws java.nio.file.NoSuchFileException if absent
     * @throws ChunkCorruptedException if the footer is damaged or unreadable
     */
    public ChunkReader openReader(ChunkId id) throws IOException {
        return openReader(id, null);
    }

    /**
     * Opens a published chunk written under {@code key} (null: stored as it is); every block read
     * is checked against its CRC first, then decrypted. A wrong key is not detected here: it
     * reads as noise, so the caller must know the key is the right one (KeyWrap's tag tells it).
     * A read of the file that fails with an I/O error is {@link ChunkUnreadableException}: the
     * chunk is quarantined as after a failed CRC check, and counted ({@link #readErrors()}).
     */
    public ChunkReader openReader(ChunkId id, DataKey key) throws IOException {
        requireOpen();
        return VerifyingChunkReader.open(layout, id, key, reads.open(id, layout.chunkPath(id)));
    }

    /** Reads of this store's chunk files that failed with an I/O error since it opened (each chunk quarantined). */
    public long readErrors() {
        return reads.failures();
    }

    /** The last of {@link #readErrors()}, in words (names the chunk), if any. */
    public java.util.Optional<String> lastReadError() {
        return java.util.Optional.ofNullable(reads.lastFailure());
    }

    /**
     * The size of a published chunk's file in bytes: {@link #fileSize(long)} of its payload when
     * it is whole.
     *
     * @throws java.nio.file.NoSuchFileException if it is not published (absent or quarantined)
     */
    public long storedBytes(ChunkId id) throws IOException {
        requireOpen();
        return Files.size(layout.chunkPath(id));
    }

    /**
     * A reader of a chunk's file bytes from elsewhere (another node's replica), checked block by
     * block as {@link #openReader(ChunkId, DataKey)} checks a local one; a failed check throws
     * {@link ChunkCorruptedException} and quarantines nothing here. Closing the reader closes
     * {@code bytes}.
     */
    public static ChunkReader openReader(ChunkId id, DataKey key, ChunkBytes bytes) throws IOException {
        return VerifyingChunkReader.open(null, id, key, bytes);
    }

    /** The size of the file of a chunk of {@code payloadLength} bytes (FORMAT.md, "Chunk file layout"). */
    public static long fileSize(long payloadLength) {
        return payloadLength + ChunkFormat.footerSize(ChunkFormat.blockCount(payloadLength));
    }

    /**
     * A published chunk's file, to send its bytes as they are (a replica's transfer).
     *
     * @throws java.nio.file.NoSuchFileException if it is not published
     */
    public FileChannel openFile(ChunkId id) throws IOException {
        requireOpen();
        return FileChannel.open(layout.chunkPath(id), StandardOpenOption.READ);
    }

    /**
     * Publishes a chunk file received whole from another node ({@code fileSize} bytes from
     * {@code in}; or, when {@code fileSize} is -1, all it gives up to this store's largest chunk
     * file: a chunk sent while it was written, whose footer tells its size): written to tmp/,
     * fsynced, its footer and every block checked, then renamed into chunks/ and the directory
     * fsynced, as a writer publishes (FORMAT.md, "Receiving a replica").
     * When the chunk is already published nothing is written (its directory is fsynced: another
     * transfer may have published it a moment ago). On any failure nothing is left.
     *
     * @throws ChunkCorruptedException if the bytes fail a check
     */
    public void receive(ChunkId id, InputStream in, long fileSize) throws IOException {
        requireOpen();
        if (Files.exists(layout.chunkPath(id))) {
            in.transferTo(OutputStream.nullOutputStream());
            // Another transfer of this chunk may have renamed it in and not yet fsynced the
            // directory: its name must be durable before this transfer is acknowledged too.
            layout.ops().fsyncDirectory(layout.ensurePrefixDir(id));
            return;
        }
        long limit = fileSize >= 0 ? fileSize : fileSize(maxChunkSize);
        space.requireRoom(limit);
        Path temp = layout.tempPath(id).resolveSibling(id.value() + "-" + ChunkId.random().value() + ChunkFormat.TEMP_SUFFIX);
        boolean published = false;
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.READ)) {
            long written = channel.transferFrom(Channels.newChannel(in), 0, limit);
            if ((fileSize >= 0 && written != fileSize) || in.read() >= 0) {
                throw new ChunkCorruptedException(id, "received " + written + " bytes (or more) of " + limit);
            }
            layout.ops().force(channel, temp);
            verifyAll(id, channel);
            Path dir = layout.ensurePrefixDir(id);
            layout.ops().atomicMove(temp, layout.chunkPath(id));
            published = true;
            layout.ops().fsyncDirectory(dir);
        } finally {
            if (!published) Files.deleteIfExists(temp);
        }
    }

    /** Reads every block of the file open in {@code channel} through a verifying reader. */
    private static void verifyAll(ChunkId id, FileChannel channel) throws IOException {
        ChunkBytes bytes = ChunkBytes.of(channel);
        ChunkBytes unclosed = new ChunkBytes() { // the caller closes the channel
            @Override
            public long size() throws IOException {
                return bytes.size();
            }

            @Override
            public void readFully(java.nio.ByteBuffer dst, long position) throws IOException {
                bytes.readFully(dst, position);
            }

            @Override
            public void close() {}
        };
        ChunkReader reader = VerifyingChunkReader.open(null, id, null, unclosed);
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocateDirect(16 * ChunkFormat.BLOCK_SIZE);
        for (long at = 0; at < reader.length(); ) {
            int n = reader.read(at, buffer.clear());
            if (n <= 0) throw new ChunkCorruptedException(id, "payload ends at " + at);
            at += n;
        }
    }

    /**
     * Deletes a published chunk. Idempotent: deleting an absent chunk is not an error. Readers
     * already open keep reading it until they close (POSIX unlink semantics).
     */
    public void delete(ChunkId id) throws IOException {
        requireOpen();
        Files.deleteIfExists(layout.chunkPath(id));
    }

    /** Every published chunk, for the orphan sweep at start. Quarantined chunks are not listed. */
    public List<ChunkId> listChunks() throws IOException {
        requireOpen();
        return layout.listChunks();
    }

    /**
     * Up to {@code max} published chunks after {@code after} (null: from the first), in id
     * order: a cursor's walk over the store in bounded memory (one prefix directory at a time).
     */
    public List<ChunkId> listChunksAfter(ChunkId after, int max) throws IOException {
        requireOpen();
        return layout.listChunksAfter(after, max);
    }

    /**
     * When the chunk was published (its file's modification time), epoch milliseconds.
     *
     * @throws java.nio.file.NoSuchFileException if it is not published
     */
    public long publishedMillis(ChunkId id) throws IOException {
        requireOpen();
        return Files.getLastModifiedTime(layout.chunkPath(id)).toMillis();
    }

    /** Releases the root's lock. Writers and readers already open are not closed. Idempotent. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try {
            lockFile.close(); // releases the lock with it
        } catch (IOException ignored) {
            // The descriptor is gone either way, and the lock with it.
        }
    }

    private void requireOpen() {
        if (closed) throw new IllegalStateException("chunk store is closed");
    }
}

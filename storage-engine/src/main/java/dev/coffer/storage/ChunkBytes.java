package dev.coffer.storage;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The raw bytes of one chunk file (payload, CRC table, trailer: FORMAT.md), wherever they are: a
 * local file, or another node's replica read over the network. A reader opened on them
 * ({@link ChunkStore#openReader(ChunkId, DataKey, ChunkBytes)}) checks every block as a local
 * reader does. Blocking.
 */
public interface ChunkBytes extends Closeable {
    /** The file's size in bytes. */
    long size() throws IOException;

    /** Fills {@code dst} from file offset {@code position} on. @throws EOFException if the file ends first */
    void readFully(ByteBuffer dst, long position) throws IOException;

    /** The local file these bytes are read from, or null when they come from elsewhere. */
    default FileChannel file() {
        return null;
    }

    /** A local file's bytes. */
    static ChunkBytes of(FileChannel channel) {
        return new ChunkBytes() {
            @Override
            public long size() throws IOException {
                return channel.size();
            }

            @Override
            public void readFully(ByteBuffer dst, long position) throws IOException {
                FileIo.readFully(channel, dst, position);
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }
}

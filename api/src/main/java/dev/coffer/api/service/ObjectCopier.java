package dev.coffer.api.service;

import dev.coffer.metadata.ChunkPointer;
import dev.coffer.metadata.ObjectRecord;
import dev.coffer.storage.ChunkId;
import dev.coffer.storage.ChunkReader;
import dev.coffer.storage.ChunkRef;
import dev.coffer.storage.ChunkStore;
import dev.coffer.storage.ChunkWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Copies an object's bytes into new chunks, blocking, block by block (each block verified on the
 * way). The copy owns its chunks, so deleting either object never touches the other's bytes.
 */
final class ObjectCopier {
    private final ChunkStore chunks;

    ObjectCopier(ChunkStore chunks) {
        this.chunks = chunks;
    }

    /** REQUIRES: the source's chunks are leased by the caller. Returns durable, unpublished chunks. */
    List<ChunkRef> copy(ObjectRecord source) throws IOException {
        try (ChunkWriter writer = chunks.newWriter()) {
            ByteBuffer block = ByteBuffer.allocateDirect(ObjectStreamer.BLOCK);
            for (ChunkPointer pointer : source.chunks()) {
                try (ChunkReader reader = chunks.openReader(new ChunkId(pointer.chunkId()))) {
                    long position = 0;
                    while (position < pointer.length()) {
                        block.clear();
                        int n = reader.read(position, block);
                        if (n < 0) throw new IOException("chunk shorter than recorded: " + pointer.chunkId());
                        block.flip();
                        writer.write(block);
                        position += n;
                    }
                }
            }
            return writer.finish();
        }
    }
}

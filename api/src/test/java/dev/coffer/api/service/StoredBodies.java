package dev.coffer.api.service;

import dev.coffer.storage.ChunkReader;
import dev.coffer.storage.ChunkRef;
import dev.coffer.storage.ChunkStore;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/** Reads back what a test stored. */
final class StoredBodies {
    private StoredBodies() {}

    /** The payload of {@code stored}'s chunks, in order, each block CRC-checked by the reader. */
    static byte[] read(ChunkStore store, StoredBody stored) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ChunkRef ref : stored.chunks()) {
            try (ChunkReader reader = store.openReader(ref.id())) {
                ByteBuffer all = ByteBuffer.allocate((int) reader.length());
                long position = 0;
                while (all.hasRemaining()) position += reader.read(position, all);
                out.write(all.array());
            }
        }
        return out.toByteArray();
    }
}

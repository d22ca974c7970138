package dev.coffer.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.LongSupplier;

/** For api tests: a real chunk store whose reads of chunk files fail with EIO as a bad sector does. */
public final class FailingChunkReads {
    private FailingChunkReads() {}

    /** A store whose reads that touch file offset {@code badByte} fail (-1: none), as a bad sector there would. */
    public static ChunkStore open(Path root, long maxChunkSize, LongSupplier badByte) throws IOException {
        return ChunkStore.open(root, maxChunkSize, DurabilityOps.REAL, 0, null, (channel, dst, position) -> {
            long bad = badByte.getAsLong();
            if (bad >= position && bad < position + dst.remaining()) throw new IOException("Input/output error");
            return channel.read(dst, position);
        });
    }
}

package dev.coffer.api.service;

import io.netty.channel.DefaultFileRegion;

/**
 * Verified payload bytes of a plain chunk, sent by the kernel from the chunk file (sendfile).
 * Holds its reader open until Netty has sent or dropped it; never closes the file itself.
 */
final class ChunkRegion extends DefaultFileRegion {
    private final SharedChunkReader owner;

    /** Bytes [position, position + count) of the file, whose blocks the caller has verified. */
    ChunkRegion(SharedChunkReader owner, long position, long count) {
        super(owner.plainFile().channel(), position, count);
        this.owner = owner;
        owner.retain();
    }

    @Override
    protected void deallocate() {
        owner.release();
    }
}

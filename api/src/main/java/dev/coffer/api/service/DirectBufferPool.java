package dev.coffer.api.service;

import io.netty.util.internal.PlatformDependent;
import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Direct buffers of one size, reused: up to {@code idleMax} wait here for the next user, and one
 * given back beyond that is freed at once rather than left to the garbage collector. A direct
 * buffer's native bytes go only when a collection finds its small heap object dead, so dropped
 * ones pile up between collections: 256 KiB stage buffers of 1 MiB PUTs made 20–155 MiB of the
 * peak resident memory so (docs/benchmarks.md, "Memory, fifth pass").
 *
 * <p>Only a buffer no view of which is in use any more may be given back: the freed memory is
 * gone, and a pooled one is handed to the next user.
 */
final class DirectBufferPool {
    private final int size;
    private final int idleMax;
    private final ConcurrentLinkedQueue<ByteBuffer> idle = new ConcurrentLinkedQueue<>();
    private final AtomicInteger idleCount = new AtomicInteger();

    DirectBufferPool(int size, int idleMax) {
        this.size = size;
        this.idleMax = idleMax;
    }

    /** A cleared buffer of this pool's size: an idle one, or a new one. */
    ByteBuffer take() {
        ByteBuffer buffer = idle.poll();
        if (buffer == null) return ByteBuffer.allocateDirect(size);
        idleCount.decrementAndGet();
        return buffer.clear();
    }

    /** Takes {@code buffer} (from {@link #take()}; null is ignored) back for reuse, or frees it. */
    void give(ByteBuffer buffer) {
        if (buffer == null) return;
        if (idleCount.incrementAndGet() > idleMax) {
            idleCount.decrementAndGet();
            PlatformDependent.freeDirectBuffer(buffer);
            return;
        }
        idle.offer(buffer);
    }
}

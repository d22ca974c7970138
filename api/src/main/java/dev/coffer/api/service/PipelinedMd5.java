package dev.coffer.api.service;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * One body's MD5, computed beside its writes: once the body goes to chunk files, each update is
 * queued, in order, to a small shared digest pool while the receiving thread goes on to CRC and
 * write the same bytes. MD5 runs at ~600 MB/s on one core here and was the largest cost of a
 * large PUT (docs/benchmarks.md): hashed in series with the writes, a stream could not pass it.
 * Bytes given to {@link #updateLater} must stay valid until its future completes, or until the
 * action given to {@link #afterHashed} runs (it gives their buffer back). At most {@link #MAX_PENDING} updates
 * wait; past that the caller, an I/O thread, blocks rather than hold more buffers.
 * Not thread-safe: one receiving thread at a time (UploadSink synchronizes).
 */
final class PipelinedMd5 {
    static final int MAX_PENDING = 16;
    private static final ExecutorService POOL = Executors.newFixedThreadPool(
            Math.max(2, Runtime.getRuntime().availableProcessors()), task -> {
                Thread t = new Thread(task, "coffer-digest");
                t.setDaemon(true);
                return t;
            });

    private final MessageDigest md5;
    private final Semaphore room = new Semaphore(MAX_PENDING);
    /** The last queued step; every step runs after the one before it, failed or not. */
    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);

    PipelinedMd5() {
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Hashes {@code data}'s remaining bytes now, on this thread (small bodies: no hand-off). */
    void updateNow(ByteBuffer data) {
        await();
        md5.update(data.duplicate());
    }

    /**
     * Queues {@code data}'s remaining bytes (as they are now; its position is left alone).
     * @return done once they are hashed
     */
    CompletableFuture<Void> updateLater(ByteBuffer data) {
        room.acquireUninterruptibly();
        ByteBuffer view = data.duplicate();
        tail = tail.handleAsync((ignored, failure) -> {
            try {
                md5.update(view);
            } finally {
                room.release();
            }
            return null;
        }, POOL);
        return tail;
    }

    /** Runs {@code action} once every update queued so far is done: at once if none waits. */
    void afterHashed(Runnable action) {
        if (tail.isDone()) {
            action.run();
            return;
        }
        tail = tail.handle((ignored, failure) -> {
            action.run();
            return null;
        });
    }

    /** Waits for the queued updates and returns the digest. */
    byte[] digest() {
        await();
        return md5.digest();
    }

    private void await() {
        tail.join();
    }
}

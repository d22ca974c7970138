package dev.coffer.storage;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * How much room the store's file system has, and the reserve writes must leave: objects stop
 * being accepted while fewer than {@code reserveBytes} are usable, so the catalogue can still
 * commit deletes and an operator can always free space through the S3 API.
 */
final class DiskSpace {
    /** Usable bytes of one file system; a seam for tests. */
    interface Probe {
        long usableBytes() throws IOException;
    }

    private final Probe probe;
    private final long reserveBytes;

    DiskSpace(Probe probe, long reserveBytes) {
        if (reserveBytes < 0) throw new IllegalArgumentException("negative reserve " + reserveBytes);
        this.probe = probe;
        this.reserveBytes = reserveBytes;
    }

    /**
     * How long the file system's figure is reused: one {@code statfs} serves every check made
     * within it (a PUT checks three times). The bound this puts on the reserve: writes accepted
     * within one such window can use up to what the disk writes in {@value #MAX_AGE_MILLIS} ms
     * (about 100 MB at 1 GB/s) of it before the next figure refuses them.
     */
    static final long MAX_AGE_MILLIS = 100;

    /** The usable bytes of {@code root}'s file system, read at most once per {@link #MAX_AGE_MILLIS}. */
    static Probe of(Path root) throws IOException {
        FileStore store = Files.getFileStore(root);
        return cached(store::getUsableSpace, TimeUnit.MILLISECONDS.toNanos(MAX_AGE_MILLIS), System::nanoTime);
    }

    /** {@code probe}, its answer reused while younger than {@code maxAgeNanos} by {@code nanoClock}. */
    static Probe cached(Probe probe, long maxAgeNanos, LongSupplier nanoClock) {
        return new Probe() {
            private volatile Reading last;

            @Override
            public long usableBytes() throws IOException {
                Reading reading = last;
                long now = nanoClock.getAsLong();
                if (reading != null && now - reading.atNanos() < maxAgeNanos) return reading.bytes();
                long bytes = probe.usableBytes(); // a failure is not kept: the next check asks again
                last = new Reading(bytes, now);
                return bytes;
            }
        };
    }

    private record Reading(long bytes, long atNanos) {}

    long usableBytes() throws IOException {
        return probe.usableBytes();
    }

    /** @throws StorageFullException unless {@code bytes} more still leave the reserve free */
    void requireRoom(long bytes) throws IOException {
        if (reserveBytes == 0 && bytes == 0) return; // no reserve asked for: leave it to the file system
        long usable = probe.usableBytes();
        if (usable - bytes < reserveBytes) throw new StorageFullException(usable, reserveBytes, null);
    }

    /** {@code e}, or a StorageFullException in its place when it is the file system's ENOSPC. */
    IOException translate(IOException e) {
        if (e instanceof StorageFullException || !StorageFullException.isDiskFull(e)) return e;
        long usable;
        try {
            usable = probe.usableBytes();
        } catch (IOException unknown) {
            usable = -1;
        }
        return new StorageFullException(usable, reserveBytes, e);
    }
}

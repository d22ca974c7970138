package dev.coffer.storage;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

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

    static Probe of(Path root) throws IOException {
        FileStore store = Files.getFileStore(root);
        return store::getUsableSpace;
    }

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

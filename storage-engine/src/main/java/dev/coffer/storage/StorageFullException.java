package dev.coffer.storage;

import java.io.IOException;

/**
 * A write was refused, or failed, because the store's disk is full: fewer usable bytes than the
 * reserve kept for the catalogue and deletes, or the file system answered ENOSPC. Whatever the
 * write had put down is removed before this is thrown, so nothing partial remains.
 */
public final class StorageFullException extends IOException {
    private final long usableBytes;
    private final long reserveBytes;

    StorageFullException(long usableBytes, long reserveBytes, Throwable cause) {
        super("disk full: " + usableBytes + " bytes usable, " + reserveBytes + " kept in reserve", cause);
        this.usableBytes = usableBytes;
        this.reserveBytes = reserveBytes;
    }

    /** Usable bytes on the store's file system when the write was refused (-1 if unknown). */
    public long usableBytes() {
        return usableBytes;
    }

    public long reserveBytes() {
        return reserveBytes;
    }

    /** True for the file system's "No space left on device" (ENOSPC) and its quota twin (EDQUOT). */
    static boolean isDiskFull(IOException e) {
        String message = e.getMessage();
        return message != null && (message.contains("No space left on device") || message.contains("Disk quota exceeded"));
    }
}

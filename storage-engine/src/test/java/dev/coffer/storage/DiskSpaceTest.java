package dev.coffer.storage;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The file system's free space is asked once per window, and a full disk is still refused. */
class DiskSpaceTest {
    private static final long WINDOW = 100_000_000L;

    private final AtomicLong usable = new AtomicLong(10_000);
    private final AtomicLong clock = new AtomicLong(5);
    private final AtomicInteger asked = new AtomicInteger();
    private final DiskSpace.Probe fileSystem = () -> {
        asked.incrementAndGet();
        return usable.get();
    };

    @Test
    void checksWithinTheWindowShareOneReadingOfTheFileSystem() throws IOException {
        DiskSpace space = new DiskSpace(DiskSpace.cached(fileSystem, WINDOW, clock::get), 1_000);
        space.requireRoom(500); // a PUT's three checks: its declared length, its writer, its first chunk
        space.requireRoom(0);
        clock.addAndGet(WINDOW - 1);
        space.requireRoom(0);
        assertEquals(1, asked.get());
    }

    @Test
    void aFullDiskIsRefusedOnceTheWindowHasPassed() throws IOException {
        DiskSpace space = new DiskSpace(DiskSpace.cached(fileSystem, WINDOW, clock::get), 1_000);
        space.requireRoom(8_000);
        usable.set(999);
        clock.addAndGet(WINDOW);
        StorageFullException e = assertThrows(StorageFullException.class, () -> space.requireRoom(0));
        assertEquals(999, e.usableBytes());
        assertEquals(2, asked.get());
        usable.set(5_000); // room again: accepted at the next reading
        clock.addAndGet(WINDOW);
        space.requireRoom(3_000);
    }

    @Test
    void aFailedReadingIsNotKept() throws IOException {
        AtomicInteger failures = new AtomicInteger(1);
        DiskSpace.Probe flaky = () -> {
            if (failures.getAndDecrement() > 0) throw new IOException("statfs failed");
            return fileSystem.usableBytes();
        };
        DiskSpace space = new DiskSpace(DiskSpace.cached(flaky, WINDOW, clock::get), 1_000);
        assertThrows(IOException.class, () -> space.requireRoom(0));
        space.requireRoom(0);
        assertEquals(1, asked.get());
    }
}

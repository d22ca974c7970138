package dev.coffer.metadata;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;

/**
 * Brings the catalogue back after a full disk stopped RocksDB, without a restart. RocksDB does not
 * resume by itself after a WAL write's ENOSPC (measured, docs/fault-report.md) and RocksJava has no
 * {@code DB::Resume}, so while the store is stopped this thread, every {@link #PERIOD_MILLIS}, writes
 * and fsyncs a probe file as large as the WAL plus a margin (what replaying it at open may need);
 * once that succeeds it deletes the probe and has the store close and reopen RocksDB behind its gate.
 * One thread at most, started by the first full-disk failure seen; it ends when the store accepts
 * writes again or closes.
 */
final class SpaceRecovery implements AutoCloseable {
    static final long PERIOD_MILLIS = 500;
    /** How long a reopen waits for open scans and snapshots to close before trying again later. */
    static final long DRAIN_MILLIS = 5_000;
    private static final long MARGIN_BYTES = 1L << 20;
    private static final System.Logger LOG = System.getLogger(SpaceRecovery.class.getName());

    private final RocksStore store;
    private Thread thread;
    private boolean closed;
    private volatile long reopens;

    SpaceRecovery(RocksStore store) {
        this.store = store;
    }

    synchronized void start() {
        if (closed || thread != null && thread.isAlive()) return;
        thread = new Thread(this::run, "catalog-space-recovery");
        thread.setDaemon(true);
        thread.start();
    }

    long reopens() {
        return reopens;
    }

    private void run() {
        try {
            while (!isClosed() && store.stoppedOnFullDisk()) {
                Thread.sleep(PERIOD_MILLIS);
                if (isClosed() || !roomFor(probeBytes())) continue;
                if (store.reopen(DRAIN_MILLIS)) {
                    reopens++;
                    LOG.log(System.Logger.Level.WARNING, "catalogue reopened after a full disk: room is back, writes accepted again");
                }
            }
        } catch (InterruptedException e) {
            // closing
        }
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    /** The WAL's bytes plus a margin: replaying the WAL at open writes it out as a table file. */
    private long probeBytes() {
        try (Stream<Path> files = Files.list(store.dir())) {
            return MARGIN_BYTES + files.filter(p -> p.getFileName().toString().endsWith(".log"))
                    .mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            return MARGIN_BYTES;
        }
    }

    /** True if {@code bytes} could be written and fsynced in the store's directory (the probe is removed either way). */
    private boolean roomFor(long bytes) {
        Path probe = store.dir().resolve("space-probe");
        try (FileChannel channel = FileChannel.open(probe, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer block = ByteBuffer.allocate(64 * 1024);
            for (long written = 0; written < bytes; ) {
                block.clear().limit((int) Math.min(block.capacity(), bytes - written));
                written += channel.write(block);
            }
            channel.force(true);
            return true;
        } catch (IOException e) {
            return false; // ENOSPC still: try again later
        } finally {
            try {
                Files.deleteIfExists(probe);
            } catch (IOException e) {
                // the next probe truncates it
            }
        }
    }

    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            closed = true;
            running = thread;
        }
        if (running != null) {
            running.interrupt();
            try {
                running.join(DRAIN_MILLIS * 2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

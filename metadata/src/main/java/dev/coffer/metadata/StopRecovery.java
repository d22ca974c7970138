package dev.coffer.metadata;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;

/**
 * Brings the catalogue back, without a restart, after RocksDB stopped writing on a full disk or
 * another I/O error ({@link BackgroundErrors.Stop}; never after damaged data). RocksDB does not
 * resume by itself after a WAL write's ENOSPC (measured, docs/fault-report.md) nor after an EIO (a
 * "fatal" error to it: close, remedy, reopen), and RocksJava has no {@code DB::Resume}; so while the
 * store is stopped this thread, every {@link #PERIOD_MILLIS} (doubling after each failed reopen, up
 * to {@link #MAX_PERIOD_MILLIS}), writes and fsyncs a probe file as large as the WAL plus a margin
 * (what replaying it at open may need); once that succeeds it deletes the probe and has the store
 * close and reopen RocksDB behind its gate (replaying the WAL: every acknowledged commit). A reopen
 * that fails leaves the store open read-only, so reads go on until the next try.
 * One thread at most, started by the first such stop seen; it ends when the store accepts writes
 * again or closes.
 */
final class StopRecovery implements AutoCloseable {
    static final long PERIOD_MILLIS = 500;
    static final long MAX_PERIOD_MILLIS = 30_000;
    /** How long a reopen waits for open scans and snapshots to close before trying again later. */
    static final long DRAIN_MILLIS = 5_000;
    private static final long MARGIN_BYTES = 1L << 20;
    private static final System.Logger LOG = System.getLogger(StopRecovery.class.getName());

    private final RocksStore store;
    private Thread thread;
    private boolean closed;

    StopRecovery(RocksStore store) {
        this.store = store;
    }

    synchronized void start() {
        if (closed || thread != null && thread.isAlive()) return;
        thread = new Thread(this::run, "catalog-stop-recovery");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            long period = PERIOD_MILLIS;
            while (!isClosed() && store.awaitingReopen()) {
                Thread.sleep(period);
                if (isClosed() || !roomFor(probeBytes())) continue;
                if (store.reopen(DRAIN_MILLIS)) {
                    period = PERIOD_MILLIS;
                    LOG.log(System.Logger.Level.WARNING, "catalogue reopened after RocksDB stopped writing: writes accepted again");
                } else {
                    period = Math.min(2 * period, MAX_PERIOD_MILLIS);
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
            return false; // ENOSPC or EIO still: try again later
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

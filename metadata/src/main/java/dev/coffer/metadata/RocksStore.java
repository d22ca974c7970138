package dev.coffer.metadata;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.rocksdb.BloomFilter;
import org.rocksdb.Cache;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.Env;
import org.rocksdb.LRUCache;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.SstFileManager;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteBufferManager;
import org.rocksdb.WriteOptions;

/**
 * The one owner of the catalogue's RocksDB native handles: block cache, filter, options, column
 * family handles and the database. Each is pushed on a stack as it is made and closed in reverse
 * order, also when opening fails half-way.
 *
 * <p>After a full disk or another I/O error stopped RocksDB (its background error; RocksJava has no
 * {@code DB::Resume}) {@link StopRecovery} closes and reopens them all in-process once a probe write
 * succeeds: every use of a handle goes through the {@link StoreGate}, so none sees them closed.
 * Acknowledged commits are in the WAL, which the reopen replays. A reopen that fails opens the
 * database read-only instead, so reads go on until the next try.
 */
final class RocksStore implements AutoCloseable {
    static {
        RocksDB.loadLibrary();
    }

    private final Deque<AutoCloseable> owned = new ArrayDeque<>();
    private volatile Map<String, ColumnFamilyHandle> handles = Map.of();
    private final Path dir;
    private final boolean syncWrites;
    private final List<TableDef<?, ?>> tables;
    private final StoreGate gate = new StoreGate();
    private final StopRecovery recovery = new StopRecovery(this);
    private volatile Runnable reopened = () -> { };
    private volatile long maxSstBytes;
    private volatile BackgroundErrors errors = new BackgroundErrors();
    private volatile SstFileManager files;
    /** The block cache every table shares, the memtables charged to it; for {@link #memory()}. */
    private volatile Cache cache;
    /** Null only while a reopen and the read-only open after it failed (then uses throw {@link CatalogStoppedException}). */
    private volatile RocksDB db;
    /** True while the database is open read-only, after a failed reopen. */
    private volatile boolean readOnly;
    /** How many times the recovery reopened RocksDB in-process (written under the gate's exclusive hold). */
    private volatile long reopens;
    /** One for every commit: a WriteOptions is a native allocation, not worth making per write. */
    private WriteOptions writeOptions;

    private RocksStore(Path dir, boolean syncWrites, List<TableDef<?, ?>> tables, long maxSstBytes) {
        this.dir = dir;
        this.syncWrites = syncWrites;
        this.tables = List.copyOf(tables);
        this.maxSstBytes = maxSstBytes;
    }

    static RocksStore open(Path dir, boolean syncWrites, List<TableDef<?, ?>> tables) {
        return open(dir, syncWrites, tables, 0);
    }

    /** @param maxSstBytes RocksDB's own limit on its table files (0: none), a seam to make it stop in tests */
    static RocksStore open(Path dir, boolean syncWrites, List<TableDef<?, ?>> tables, long maxSstBytes) {
        RocksStore store = new RocksStore(dir, syncWrites, tables, maxSstBytes);
        try {
            store.openTables(false, store.errors);
            return store;
        } catch (RuntimeException | RocksDBException e) {
            store.close();
            throw e instanceof MetadataException m ? m : new MetadataException("cannot open catalogue in " + dir, e);
        }
    }

    /** Opens every table with {@code listener} as RocksDB's event listener (owned, closed with the handles). */
    private void openTables(boolean readOnlyOpen, BackgroundErrors listener) throws RocksDBException {
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new MetadataException("cannot create " + dir, e);
        }
        Cache cache = own(new LRUCache(RocksTuning.BLOCK_CACHE_BYTES + RocksTuning.MEMTABLE_BYTES));
        this.cache = cache;
        BloomFilter bloom = own(new BloomFilter(RocksTuning.BLOOM_BITS_PER_KEY));
        own(listener);
        files = own(new SstFileManager(Env.getDefault()));
        if (maxSstBytes > 0) files.setMaxAllowedSpaceUsage(maxSstBytes);
        WriteBufferManager memtables = own(new WriteBufferManager(RocksTuning.MEMTABLE_BYTES, cache));
        DBOptions dbOptions = own(RocksTuning.dbOptions(files, listener, memtables));
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, own(new ColumnFamilyOptions())));
        for (TableDef<?, ?> def : tables) {
            ColumnFamilyOptions options = own(RocksTuning.columnFamilyOptions(def, cache, bloom));
            descriptors.add(new ColumnFamilyDescriptor(def.name().getBytes(StandardCharsets.UTF_8), options));
        }
        writeOptions = own(new WriteOptions().setSync(syncWrites));
        List<ColumnFamilyHandle> opened = new ArrayList<>();
        RocksDB opening = own(readOnlyOpen ? RocksDB.openReadOnly(dbOptions, dir.toString(), descriptors, opened)
                : RocksDB.open(dbOptions, dir.toString(), descriptors, opened));
        Map<String, ColumnFamilyHandle> byName = new HashMap<>();
        for (int i = 0; i < opened.size(); i++) {
            // Handles must close before the database; they are pushed after it, so they do.
            own(opened.get(i));
            if (i > 0) {
                byName.put(tables.get(i - 1).name(), opened.get(i));
            }
        }
        handles = Map.copyOf(byName);
        readOnly = readOnlyOpen;
        db = opening;
    }

    private <T extends AutoCloseable> T own(T handle) {
        owned.push(handle);
        return handle;
    }

    <K, V> TypedTable<K, V> table(TableDef<K, V> def) {
        if (!handles.containsKey(def.name())) {
            throw new IllegalArgumentException("table not opened: " + def.name());
        }
        return new TypedTable<>(this, def);
    }

    /** Lets a use of the native handles in; pair with {@link #leave()}. Between them, {@link #db()} stays open. */
    void enter() {
        gate.enter();
        if (db == null) {
            gate.leave();
            throw errors.unavailable();
        }
    }

    void leave() {
        gate.leave();
    }

    /** The database; only between {@link #enter()} and {@link #leave()}. */
    RocksDB db() {
        return db;
    }

    /** The table's column family; only between {@link #enter()} and {@link #leave()}. */
    ColumnFamilyHandle handle(TableDef<?, ?> def) {
        return handles.get(def.name());
    }

    /**
     * Applies the batch atomically; with sync on, returns only once the WAL is fsynced.
     *
     * @throws CatalogStoppedException when RocksDB stopped accepting writes or its disk is full
     */
    void commit(WriteBatch batch) {
        write(batch, null);
    }

    /** Applies the batch atomically and returns once the WAL is fsynced, whatever the store's setting. */
    void commitSynced(WriteBatch batch) {
        try (WriteOptions synced = new WriteOptions().setSync(true)) {
            write(batch, synced);
        }
    }

    private void write(WriteBatch batch, WriteOptions options) {
        enter();
        try {
            db.write(options == null ? writeOptions : options, batch);
        } catch (RocksDBException e) {
            throw failed(e);
        } finally {
            leave();
        }
    }

    /** The exception a failed write becomes; a stop a reopen may clear also starts the recovery that reopens the store. */
    private MetadataException failed(RocksDBException e) {
        MetadataException failure = errors.commitFailed(e);
        if (errors.reopenMayHelp()) recovery.start();
        return failure;
    }

    /** Why RocksDB does not accept writes now (its background error), if it does not. */
    java.util.Optional<String> stopped() {
        java.util.Optional<String> why = errors.stopped();
        if (errors.reopenMayHelp()) recovery.start();
        return why;
    }

    /** How many times the recovery reopened RocksDB in-process after a stop. */
    long reopens() {
        return reopens;
    }

    /** What RocksDB's checksum check of every table file reported, if one failed. */
    java.util.Optional<String> verifyChecksums() {
        enter();
        try {
            db.verifyChecksum();
            return java.util.Optional.empty();
        } catch (RocksDBException e) {
            return java.util.Optional.of(String.valueOf(e.getMessage()));
        } finally {
            leave();
        }
    }

    /** RocksDB's memory now; empty while no database is open (a failed reopen, after close). */
    java.util.Optional<CatalogMemory> memory() {
        try {
            enter();
        } catch (MetadataException closed) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(new CatalogMemory(
                    db.getAggregatedLongProperty("rocksdb.cur-size-all-mem-tables"),
                    cache.getUsage(), cache.getPinnedUsage(),
                    db.getAggregatedLongProperty("rocksdb.estimate-table-readers-mem")));
        } catch (RocksDBException e) {
            return java.util.Optional.empty();
        } finally {
            leave();
        }
    }

    /** Writes the memtables out to table files (tests: to reach RocksDB's table-file paths at once). */
    void flush() {
        enter();
        try (org.rocksdb.FlushOptions options = new org.rocksdb.FlushOptions().setWaitForFlush(true)) {
            db.flush(options, new ArrayList<>(handles.values()));
        } catch (RocksDBException e) {
            throw failed(e);
        } finally {
            leave();
        }
    }

    /** Compacts every table's whole range (tests: to make RocksDB read every table file in the background). */
    void compact() {
        enter();
        try {
            for (ColumnFamilyHandle handle : handles.values()) db.compactRange(handle);
        } catch (RocksDBException e) {
            throw failed(e);
        } finally {
            leave();
        }
    }

    /** RocksDB's own limit on its table files from now on (0: none); tests make and end a "full disk" with it. */
    void limitSpace(long bytes) {
        maxSstBytes = bytes;
        gate.enter();
        try {
            if (db != null) files.setMaxAllowedSpaceUsage(bytes); // else the next open takes it
        } finally {
            gate.leave();
        }
    }

    Path dir() {
        return dir;
    }

    /** True while RocksDB stopped on a full disk or another I/O error, or a reopen after one failed: what {@link StopRecovery} waits out. */
    boolean awaitingReopen() {
        return db == null || readOnly || errors.reopenMayHelp();
    }

    /**
     * Closes every native handle and opens them again (replaying the WAL) with no use inside; gives
     * up, changing nothing, if uses do not leave within {@code timeoutMillis}.
     *
     * @return true if it reopened; a failed open leaves the store refusing uses until the next try
     */
    boolean reopen(long timeoutMillis) throws InterruptedException {
        try {
            return reopenHandles(timeoutMillis);
        } finally {
            reopened.run(); // the WAL's replay may have brought back a commit that was refused
        }
    }

    /** {@code listener} runs after every reopen (whether it succeeded or left the store read-only). */
    void onReopen(Runnable listener) {
        this.reopened = listener;
    }

    private boolean reopenHandles(long timeoutMillis) throws InterruptedException {
        boolean[] opened = {false};
        gate.exclusive(timeoutMillis, () -> {
            closeHandles();
            // Health keeps showing the stop (the current listener) until the reopen has succeeded.
            BackgroundErrors before = errors;
            BackgroundErrors fresh = new BackgroundErrors();
            try {
                openTables(false, fresh);
                errors = fresh;
                reopens++; // counted before the gate lets a write in: whoever sees writes accepted sees the count
                opened[0] = true;
            } catch (RocksDBException | RuntimeException e) {
                closeHandles();
                before.reopenFailed(e); // keeps it stopped: the recovery tries again
                BackgroundErrors carried = before.carryingOn();
                errors = carried;
                try {
                    openTables(true, carried); // read-only: no file written, so reads go on while the fault lasts
                } catch (RocksDBException | RuntimeException readOnlyFailed) {
                    closeHandles(); // uses are refused until the next try
                }
            }
        });
        return opened[0];
    }

    @Override
    public void close() {
        recovery.close();
        boolean closed = false;
        try {
            closed = gate.exclusive(10_000, this::closeHandles);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!closed) closeHandles(); // a use outlived the wait: close rather than leak, as before the gate

    }

    private void closeHandles() {
        db = null;
        readOnly = false;
        while (!owned.isEmpty()) {
            try {
                owned.pop().close();
            } catch (Exception e) {
                // Keep closing the rest: a leaked native handle is worse than a lost message.
            }
        }
        handles = Map.of();
    }
}

package dev.coffer.metadata;

import java.nio.file.Files;
import java.nio.file.Path;
import org.rocksdb.Checkpoint;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * The catalogue as one replica of a replicated log (the {@code cluster} module's state machine
 * drives it): applies encoded commands in log order, remembers the last one applied in the same
 * batch, and makes and installs snapshots as RocksDB checkpoints, as Apache Ozone's Manager does.
 *
 * <p>REQUIRES: one caller at a time (the log's apply thread), and, once a log is in use, no
 * command applied any other way ({@link Catalog#appendCommandsTo}).
 */
public final class CatalogReplica {
    private static final String APPLIED = "applied";

    private final RocksStore store;
    private final CommandRunner runner;
    private final TypedTable<String, AppliedIndex> replication;

    CatalogReplica(RocksStore store, CommandRunner runner) {
        this.store = store;
        this.runner = runner;
        this.replication = store.table(CatalogTables.REPLICATION);
    }

    /** The last log entry applied to this catalogue, or {@link AppliedIndex#NONE}. */
    public AppliedIndex applied() {
        return replication.get(APPLIED).orElse(AppliedIndex.NONE);
    }

    /**
     * Applies the encoded command as log entry {@code at}, and records {@code at} in the same
     * batch. A command that is refused, or that this build cannot read, records {@code at} alone
     * and throws: every replica of the same build does the same.
     *
     * @return the command's result, as {@link Catalog}'s methods expect it
     * @throws CatalogRefusal if a precondition failed (only {@code at} was written)
     */
    public synchronized Object apply(byte[] command, AppliedIndex at) {
        AppliedIndex last = applied();
        if (at.index() <= last.index()) {
            throw new IllegalStateException("entry " + at + " is not after the last applied " + last);
        }
        CatalogCommand decoded;
        try {
            decoded = CommandCodec.decode(command);
        } catch (RuntimeException e) {
            recordAlone(at);
            throw e;
        }
        try {
            return runner.applyLogged(decoded, batch -> replication.put(batch, APPLIED, at));
        } catch (CatalogRefusal | IllegalArgumentException e) {
            recordAlone(at);
            throw e;
        }
    }

    /** Records that entry {@code at} was applied, for an entry that wrote nothing (a refusal). */
    private void recordAlone(AppliedIndex at) {
        try (WriteBatch batch = new WriteBatch()) {
            replication.put(batch, APPLIED, at);
            store.commit(batch);
        }
    }

    /**
     * Writes a RocksDB checkpoint of the whole catalogue into {@code dir} (which must not exist):
     * hard links to the immutable table files where the file system allows, so it is cheap.
     */
    public synchronized void checkpoint(Path dir) {
        store.enter();
        try (Checkpoint checkpoint = Checkpoint.create(store.db())) {
            checkpoint.createCheckpoint(dir.toString());
        } catch (RocksDBException e) {
            throw new MetadataException("cannot write a checkpoint to " + dir, e);
        } finally {
            store.leave();
        }
    }

    /**
     * Replaces every row of this catalogue with those of the checkpoint in {@code dir} (made by
     * {@link #checkpoint} on another replica), in one synced batch, so a reader sees the old state
     * or the new one, never a mix. Holds the whole catalogue in memory while it does.
     */
    public synchronized void install(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new MetadataException("no checkpoint in " + dir);
        }
        try (RocksStore source = RocksStore.open(dir, false, CatalogTables.ALL);
                WriteBatch batch = new WriteBatch()) {
            for (TableDef<?, ?> def : CatalogTables.ALL) {
                TypedTable<?, ?> live = store.table(def);
                try (TableScan<?, ?> scan = live.scan().seekToFirst()) {
                    for (; scan.valid(); scan.next()) {
                        live.deleteRaw(batch, scan.keyBytes());
                    }
                }
                try (TableScan<?, ?> scan = source.table(def).scan().seekToFirst()) {
                    for (; scan.valid(); scan.next()) {
                        live.putRaw(batch, scan.keyBytes(), scan.valueBytes());
                    }
                }
            }
            runner.replacing(() -> store.commitSynced(batch));
        }
        runner.identityReplaced(); // the in-memory identity snapshot follows the installed rows
        runner.bucketsReplaced(); // and so do the caches of bucket configurations
    }
}

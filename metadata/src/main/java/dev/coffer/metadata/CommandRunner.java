package dev.coffer.metadata;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * How one node takes and applies commands: {@link #choose()} picks the values a command carries
 * (its sequence, the time, a proposed version stamp, a random id half), once, before applying;
 * {@link #submit} applies it under its lock stripes and commits its batch. Commands of different
 * keys apply in parallel, and their synced commits share WAL syncs (RocksDB group commit), which
 * is the single-node fast path. A cluster would put the same commands in a log instead.
 */
final class CommandRunner {
    private final RocksStore store;
    private final LockStripes locks;
    private final CommandApplier applier;
    private final AtomicLong sequence;
    /** Hot records in memory, whose stamps move around every commit that may change them. */
    private final HotRecords hot;
    /** Where commands go instead of being applied here at once (a cluster), or null. */
    private volatile CommandLog log;
    private final Object identityLock = new Object();
    /** Told after each identity command commits, before it returns (the identity snapshot). */
    private volatile Runnable identityChanged = () -> { };
    /** Told after each command that changed a bucket's record or configurations commits (caches of them). */
    private final java.util.List<java.util.function.Consumer<String>> bucketChanged =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    CommandRunner(RocksStore store, LockStripes locks, GcQueue gc, HotRecords hot) {
        this.store = store;
        this.hot = hot;
        this.locks = locks;
        this.applier = new CommandApplier(store, gc);
        // Sequences name GC entries: start above every entry still queued, so none is overwritten.
        // Events wait in the outbox in sequence order: start above them too, so a new event never
        // sorts before one written before a restart.
        this.sequence = new AtomicLong(Math.max(gc.lastSequence(), new Outbox(store, new BucketConfigs(store)).lastSequence()));
    }

    /** The values of a command this node takes now. */
    CatalogCommand.Choice choose() {
        long millis = System.currentTimeMillis();
        return new CatalogCommand.Choice(sequence.incrementAndGet(), millis, VersionIds.propose(millis),
                ThreadLocalRandom.current().nextLong());
    }

    /** From now on, commands go to {@code log}, which applies them in its order ({@link CatalogReplica}). */
    void useLog(CommandLog log) {
        this.log = log;
    }

    /**
     * Applies and commits the command (WAL synced unless the store was opened without sync), with
     * the stripes it needs held; with a log, appends it there instead, encoded, and returns what
     * applying it in the log's order gave.
     *
     * @return the command's result (see {@link CommandApplier})
     * @throws CatalogRefusal if a precondition failed (nothing written)
     */
    Object submit(CatalogCommand command) {
        CommandLog log = this.log;
        if (log != null) {
            return log.append(CommandCodec.encode(command));
        }
        return locked(command, () -> {
            try (CommandApplier.Applied applied = applier.apply(command)) {
                HotChanges.around(hot, command, () -> store.commit(applied.batch()));
                bucketChanged(command);
                return applied.result();
            }
        });
    }

    /**
     * Applies a command taken from a log and commits it with {@code also} (the applied index) in
     * one batch; no stripes: a log applies one command at a time and is the only writer.
     */
    Object applyLogged(CatalogCommand command, java.util.function.Consumer<org.rocksdb.WriteBatch> also) {
        try (CommandApplier.Applied applied = applier.apply(command)) {
            also.accept(applied.batch());
            HotChanges.around(hot, command, () -> store.commit(applied.batch()));
            if (command instanceof CatalogCommand.Iam) identityChanged.run();
            bucketChanged(command);
            return applied.result();
        }
    }

    /** {@code listener} runs after every identity command commits (and after a checkpoint is installed). */
    void onIdentityChange(Runnable listener) {
        this.identityChanged = listener;
    }

    /** The identity rows changed underneath (a checkpoint installed). */
    void identityReplaced() {
        identityChanged.run();
    }

    /**
     * {@code listener} runs after every command that changed a bucket's record or configurations
     * commits, on every replica as it applies it (never on the request path alone), with the
     * bucket's name; with null after a checkpoint replaced every row.
     */
    void onBucketChange(java.util.function.Consumer<String> listener) {
        bucketChanged.add(listener);
    }

    /** Runs {@code install}, which replaces every row (a checkpoint), with no hot record answering meanwhile. */
    void replacing(Runnable install) {
        hot.beginBuckets();
        try {
            install.run();
        } finally {
            hot.endBuckets();
        }
    }

    /** Every bucket's rows changed underneath (a checkpoint installed). */
    void bucketsReplaced() {
        bucketChanged.forEach(l -> l.accept(null));
    }

    private void bucketChanged(CatalogCommand command) {
        if (bucketChanged.isEmpty()) return;
        String bucket = changedBucket(command);
        if (bucket != null) bucketChanged.forEach(l -> l.accept(bucket));
    }

    /** The bucket whose record or configurations the command changes, or null. */
    private static String changedBucket(CatalogCommand c) {
        if (c instanceof CatalogCommand.Requested r) return changedBucket(r.command());
        if (c instanceof CatalogCommand.CreateBucket b) return b.bucket().name();
        if (c instanceof CatalogCommand.DeleteBucket b) return b.bucket();
        if (c instanceof CatalogCommand.SetVersioning b) return b.bucket();
        if (c instanceof CatalogCommand.SetObjectLockConfiguration b) return b.bucket();
        if (c instanceof CatalogCommand.SetBucketConfig b) return b.bucket();
        return null;
    }

    /**
     * Bucket changes hold the bucket's stripe exclusively (no object write of the bucket is in
     * flight); a write of one key holds the bucket shared and the key's stripe; GC completion
     * touches only GC rows no other command writes.
     */
    private Object locked(CatalogCommand c, Supplier<Object> body) {
        if (c instanceof CatalogCommand.CreateBucket b) return locks.withBucketExclusive(b.bucket().name(), body);
        if (c instanceof CatalogCommand.DeleteBucket b) return locks.withBucketExclusive(b.bucket(), body);
        if (c instanceof CatalogCommand.SetVersioning b) return locks.withBucketExclusive(b.bucket(), body);
        if (c instanceof CatalogCommand.SetObjectLockConfiguration b) return locks.withBucketExclusive(b.bucket(), body);
        if (c instanceof CatalogCommand.PutObject o) return locks.withKeyInBucket(o.bucket(), o.key(), body);
        if (c instanceof CatalogCommand.DeleteObject o) return locks.withKeyInBucket(o.bucket(), o.key(), body);
        if (c instanceof CatalogCommand.DeleteVersion o) return locks.withKeyInBucket(o.bucket(), o.key(), body);
        if (c instanceof CatalogCommand.CreateUpload u) {
            return locks.withKeyInBucket(u.upload().bucket(), u.upload().key(), body);
        }
        if (c instanceof CatalogCommand.PutPart u) return locks.withKeyInBucket(u.bucket(), u.key(), body);
        if (c instanceof CatalogCommand.AbortUpload u) return locks.withKeyInBucket(u.bucket(), u.key(), body);
        if (c instanceof CatalogCommand.CompleteUpload u) return locks.withKeyInBucket(u.bucket(), u.key(), body);
        if (c instanceof CatalogCommand.CompleteGc) return body.get();
        if (c instanceof CatalogCommand.SetBucketConfig b) return locks.withBucketExclusive(b.bucket(), body);
        if (c instanceof CatalogCommand.SetObjectAttribute o) return locks.withKeyInBucket(o.bucket(), o.key(), body);
        if (c instanceof CatalogCommand.Iam) {
            synchronized (identityLock) { // identity changes are rare and check rows across users: one at a time
                Object result = body.get();
                identityChanged.run(); // under the lock, so no older snapshot can replace a newer one
                return result;
            }
        }
        // A job's row is written by that job alone, one step at a time.
        if (c instanceof CatalogCommand.SetJobCursor) return body.get();
        // A node's mark is one row that no other command reads or writes.
        if (c instanceof CatalogCommand.SetNodeDraining) return body.get();
        // A chunk's replica row is written by this command alone (and removed by CompleteGc once
        // the chunk is collected, when no command names the chunk any more).
        if (c instanceof CatalogCommand.SetChunkReplicas) return body.get();
        // A node's address is one row that no other command reads or writes.
        if (c instanceof CatalogCommand.SetNodeAddress) return body.get();
        // A target's row is one row that no other command reads or writes.
        if (c instanceof CatalogCommand.SetNotificationTarget) return body.get();
        if (c instanceof CatalogCommand.ExpireCurrent o) return locks.withKeyInBucket(o.bucket(), o.key(), body);
        if (c instanceof CatalogCommand.Requested r) return locked(r.command(), body);
        // Delivered events' rows are removed by the delivery job alone; no change writes an existing one.
        if (c instanceof CatalogCommand.CompleteEvents) return body.get();
        throw new IllegalArgumentException("unknown command " + c.getClass().getSimpleName());
    }
}

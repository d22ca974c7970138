package dev.coffer.metadata;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The catalogue in RocksDB: buckets, objects and the garbage-collection queue. Every mutation is
 * one WriteBatch with the WAL synced (unless opened with sync off). Thread-safe; every method
 * blocks, so call it off the event loop. The only class outside this package that callers use to
 * reach RocksDB.
 */
public final class Catalog implements AutoCloseable {

    private Catalog() {
        throw new UnsupportedOperationException("to be written");
    }

    /** Opens or creates the catalogue in {@code dir}. {@code syncWrites} false skips the WAL fsync. */
    public static Catalog open(Path dir, boolean syncWrites) {
        throw new UnsupportedOperationException("to be written");
    }

    // ---- buckets

    /** Creates the bucket; false (and nothing changed) if a bucket of that name exists. */
    public boolean createBucket(BucketRecord bucket) {
        throw new UnsupportedOperationException("to be written");
    }

    public Optional<BucketRecord> getBucket(String name) {
        throw new UnsupportedOperationException("to be written");
    }

    /** All buckets in name order. */
    public List<BucketRecord> listBuckets() {
        throw new UnsupportedOperationException("to be written");
    }

    /**
     * Deletes an empty bucket.
     *
     * @throws NoSuchBucketException if absent
     * @throws BucketNotEmptyException if it holds any object
     */
    public void deleteBucket(String name) {
        throw new UnsupportedOperationException("to be written");
    }

    // ---- objects

    public Optional<ObjectRecord> getObject(String bucket, String key) {
        throw new UnsupportedOperationException("to be written");
    }

    /**
     * Publishes {@code record} at the key if {@code condition} holds, atomically with respect to
     * every other write of the same key, and queues the superseded record's chunks for GC in the
     * same batch.
     *
     * @return the superseded record, if any
     * @throws NoSuchBucketException if the bucket does not exist
     * @throws ConditionalWriteConflict if the condition fails (nothing written)
     */
    public Optional<ObjectRecord> putObject(
            String bucket, String key, ObjectRecord record, WriteCondition condition) {
        throw new UnsupportedOperationException("to be written");
    }

    /**
     * Removes the key (if present) and queues its chunks for GC in the same batch.
     *
     * @return the removed record, if any
     */
    public Optional<ObjectRecord> deleteObject(String bucket, String key) {
        throw new UnsupportedOperationException("to be written");
    }

    /** One page of keys, as {@link ListQuery} describes; O(page) seeks and reads. */
    public ListPage list(ListQuery query) {
        throw new UnsupportedOperationException("to be written");
    }

    // ---- garbage collection

    /** Up to {@code max} queued entries queued at or before {@code queuedBeforeMillis}, oldest first. */
    public List<GcEntry> pendingGc(long queuedBeforeMillis, int max) {
        throw new UnsupportedOperationException("to be written");
    }

    /** Removes entries whose chunks have been deleted. */
    public void completeGc(List<GcEntry> done) {
        throw new UnsupportedOperationException("to be written");
    }

    /** Calls {@code sink} with the id of every chunk an object or a GC entry references. */
    public void forEachReferencedChunk(Consumer<String> sink) {
        throw new UnsupportedOperationException("to be written");
    }

    @Override
    public void close() {
    }
}

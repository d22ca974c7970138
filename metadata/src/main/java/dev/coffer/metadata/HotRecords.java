package dev.coffer.metadata;

import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The catalogue's hot records in memory: bucket records, bucket configurations and the latest
 * version of keys (its inline bytes, or its chunk references: never a chunk's bytes), so that a
 * GET or HEAD can resolve its version without RocksDB (issue 23). A miss reads RocksDB (blocking, on the caller's thread) and keeps what
 * it read; a peek ({@code known…}) never blocks and never reads RocksDB.
 *
 * <p>Invariant: an entry answers only while no change that may touch it has begun since the read
 * that made it. Each entry carries the stamps taken before that read: the catalogue's epoch (moved
 * by every change of a bucket's record or configurations, a checkpoint installed, a reopen) and,
 * for a key, its stripe's generation (moved by every change of a key of that stripe). A change
 * moves them twice, before its batch commits and after ({@link #beginKey}/{@link #endKey},
 * {@link #beginBuckets}/{@link #endBuckets}), and a read taken while a change of its stripe (or of
 * any bucket) is in flight keeps nothing — so no read answers an older record than one a reader
 * of RocksDB could already have seen, and a read that raced with a commit (the classic: miss, read
 * the old row, the writer commits and invalidates, then the fill) is never served: its stamps are
 * already stale when it is put. Counters are read before writer counts, and writers raise their
 * count before they move a counter (and move it before they lower the count), which makes that so.
 *
 * <p>Bounded: at most {@link #MAX_ENTRIES} entries and {@link #MAX_BYTES} as estimated (inline
 * bodies, chunk pointers and parts, and an overhead per entry); past either, entries are dropped in the map's own order (roughly random) until an eighth is free.
 */
public final class HotRecords {
    static final int STRIPES = 256;
    /** Enough for the hot set of a small-object workload; each entry is a few hundred bytes besides its inline body. */
    static final int MAX_ENTRIES = 4096;
    /** Inline bodies are at most 32 KiB each: without this, 4,096 of them could hold 128 MiB. */
    static final long MAX_BYTES = 16L << 20;
    /** What an entry costs besides its inline bytes (the record, its maps, the entry), roughly. */
    private static final int ENTRY_OVERHEAD = 256;
    /** What one chunk pointer or part of a kept version costs (ids, lengths, replica names), roughly. */
    private static final int PER_CHUNK_OR_PART = 128;
    /**
     * The largest version kept: a 32 KiB inline body, or ~256 chunks and parts; a version of
     * thousands of parts is read from RocksDB each time rather than crowd out the hot set.
     */
    static final long MAX_ENTRY_BYTES = 33 * 1024;

    private record BucketId(String bucket) {}

    private record ConfigId(String bucket, String name) {}

    private record Entry(Object value, long epoch, long generation, int stripe, long bytes) {}

    private final ConcurrentHashMap<Object, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong epoch = new AtomicLong();
    private final AtomicInteger bucketWriters = new AtomicInteger();
    private final AtomicLongArray generations = new AtomicLongArray(STRIPES);
    private final AtomicIntegerArray keyWriters = new AtomicIntegerArray(STRIPES);
    private final AtomicLong bytes = new AtomicLong();
    private final Object evicting = new Object();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    /** A test's pause between a miss's read of RocksDB and its fill (the classic race, made deterministic). */
    private volatile Runnable afterRead = () -> { };

    // ---- reads

    Optional<BucketRecord> bucket(String name, Supplier<Optional<BucketRecord>> read) {
        return cachedOr(new BucketId(name), -1, read, v -> true);
    }

    Optional<byte[]> config(String bucket, String name, Supplier<Optional<byte[]>> read) {
        return cachedOr(new ConfigId(bucket, name), -1, read, v -> true).map(byte[]::clone);
    }

    /** The key's latest version; kept when it is no delete marker and at most {@link #MAX_ENTRY_BYTES}. */
    Optional<ObjectVersion> latest(ObjectKey id, Supplier<Optional<ObjectVersion>> read) {
        return cachedOr(id, stripe(id), read, v -> v.isPresent() && !v.get().record().deleteMarker()
                && ENTRY_OVERHEAD + entryBytes(v) <= MAX_ENTRY_BYTES);
    }

    /** The bucket's record if it is in memory and current; empty when it is not known there (or there is no such bucket). */
    public Optional<BucketRecord> knownBucket(String name) {
        Optional<BucketRecord> found = known(new BucketId(name), -1);
        return found == null ? Optional.empty() : found;
    }

    /** The configuration if known in memory (inner empty: the bucket has none); outer empty: not known there. */
    public Optional<Optional<byte[]>> knownConfig(String bucket, String name) {
        Optional<byte[]> found = known(new ConfigId(bucket, name), -1);
        return found == null ? Optional.empty() : Optional.of(found.map(byte[]::clone));
    }

    /** The key's latest version if it is in memory and current (a live version, inline or chunked); else empty. */
    public Optional<ObjectVersion> knownLatest(String bucket, String key) {
        ObjectKey id = new ObjectKey(bucket, key);
        Optional<ObjectVersion> found = known(id, stripe(id));
        return found == null ? Optional.empty() : found;
    }

    /**
     * The stamp every bucket entry must carry to answer: peeks made between two equal readings of
     * it saw one state of the buckets (no change began or ended between them).
     */
    public long epoch() {
        return epoch.get();
    }

    // ---- changes (CommandRunner, CatalogReplica, RocksStore): begin before the batch commits, end after

    void beginKey(String bucket, String key) {
        int s = stripe(new ObjectKey(bucket, key));
        keyWriters.incrementAndGet(s);
        generations.incrementAndGet(s);
        entries.computeIfPresent(new ObjectKey(bucket, key), (k, e) -> {
            bytes.addAndGet(-e.bytes());
            return null;
        });
    }

    void endKey(String bucket, String key) {
        int s = stripe(new ObjectKey(bucket, key));
        generations.incrementAndGet(s);
        keyWriters.decrementAndGet(s);
    }

    /** A change of a bucket's record or configurations, or of rows underneath (a checkpoint): nothing kept so far answers. */
    void beginBuckets() {
        bucketWriters.incrementAndGet();
        epoch.incrementAndGet();
    }

    void endBuckets() {
        epoch.incrementAndGet();
        bucketWriters.decrementAndGet();
    }

    /** Rows changed underneath with no reader in flight (a reopen that replayed the WAL). */
    void replaced() {
        beginBuckets();
        endBuckets();
    }

    // ---- metrics

    /** Answers from memory, peeks included. */
    public long hits() {
        return hits.sum();
    }

    /** Reads that went to RocksDB through this cache (a peek that found nothing is not one: its caller reads next). */
    public long misses() {
        return misses.sum();
    }

    public int size() {
        return entries.size();
    }

    public long bytes() {
        return bytes.get();
    }

    void afterReadForTests(Runnable pause) {
        this.afterRead = pause;
    }

    // ---- the mechanism

    @SuppressWarnings("unchecked")
    private <T> T known(Object id, int stripe) {
        Entry e = entries.get(id);
        if (e != null && e.epoch() == epoch.get() && (stripe < 0 || e.generation() == generations.get(stripe))) {
            hits.increment();
            return (T) e.value();
        }
        return null;
    }

    private <T> T cachedOr(Object id, int stripe, Supplier<T> read, java.util.function.Predicate<T> keep) {
        T found = known(id, stripe);
        if (found != null) return found;
        misses.increment();
        // The stamps, before the read: each counter before its writer count (see the class comment).
        long e = epoch.get();
        boolean quiet = bucketWriters.get() == 0;
        long g = stripe < 0 ? 0 : generations.get(stripe);
        quiet &= stripe < 0 || keyWriters.get(stripe) == 0;
        T value = read.get();
        afterRead.run();
        if (quiet && keep.test(value)) put(id, new Entry(value, e, g, stripe, ENTRY_OVERHEAD + entryBytes(value)));
        return value;
    }

    private void put(Object id, Entry entry) {
        Entry old = entries.put(id, entry);
        bytes.addAndGet(entry.bytes() - (old == null ? 0 : old.bytes()));
        if (entries.size() > MAX_ENTRIES || bytes.get() > MAX_BYTES) evict();
    }

    private void evict() {
        synchronized (evicting) {
            Iterator<Map.Entry<Object, Entry>> it = entries.entrySet().iterator();
            while (it.hasNext() && (entries.size() > MAX_ENTRIES * 7 / 8 || bytes.get() > MAX_BYTES * 7 / 8)) {
                Map.Entry<Object, Entry> next = it.next();
                if (entries.remove(next.getKey(), next.getValue())) bytes.addAndGet(-next.getValue().bytes());
            }
        }
    }

    /** An entry's size besides its overhead: inline bytes, configuration bytes, chunk pointers and parts. */
    private static long entryBytes(Object value) {
        if (value instanceof Optional<?> o && o.isPresent()) {
            if (o.get() instanceof ObjectVersion v) {
                ObjectRecord r = v.record();
                return (r.inline() == null ? 0 : r.inline().length)
                        + (long) PER_CHUNK_OR_PART * (r.chunks().size() + r.parts().size());
            }
            if (o.get() instanceof byte[] b) return b.length;
        }
        return 0;
    }

    private static int stripe(ObjectKey id) {
        int h = id.hashCode();
        return (h ^ (h >>> 16)) & (STRIPES - 1);
    }
}

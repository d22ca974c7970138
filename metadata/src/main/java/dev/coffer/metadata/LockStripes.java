package dev.coffer.metadata;

import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Lock striping over fixed arrays, never a growing map of locks: two keys that hash to one
 * stripe merely wait for each other.
 *
 * <p>Two levels. A bucket stripe is a read-write lock: object writes hold it shared (so writes
 * to one bucket still run in parallel and share WAL syncs), while createBucket and deleteBucket
 * hold it exclusive. That is how a put cannot land in a bucket being deleted: deleteBucket's
 * emptiness check and delete run with no put in flight in that bucket, and a put that comes
 * after sees the bucket gone. (Re-checking the bucket after the write instead would need an
 * undo.) A key stripe is a plain lock that makes check-then-write on one key atomic.
 *
 * <p>Invariant: a thread takes its bucket stripe before its key stripe, and at most one of each,
 * so there is no lock-order cycle.
 */
final class LockStripes {
    /** Enough stripes that unrelated keys rarely meet; 1024 locks cost a few tens of KiB. */
    static final int KEY_STRIPES = 1024;
    /** Bucket operations are rare; a shared stripe blocks a put only during a bucket change. */
    static final int BUCKET_STRIPES = 128;

    private final ReentrantLock[] keyLocks = new ReentrantLock[KEY_STRIPES];
    private final ReentrantReadWriteLock[] bucketLocks = new ReentrantReadWriteLock[BUCKET_STRIPES];

    LockStripes() {
        for (int i = 0; i < KEY_STRIPES; i++) {
            keyLocks[i] = new ReentrantLock();
        }
        for (int i = 0; i < BUCKET_STRIPES; i++) {
            bucketLocks[i] = new ReentrantReadWriteLock();
        }
    }

    /** Runs {@code body} with the bucket's stripe held exclusively. */
    <T> T withBucketExclusive(String bucket, Supplier<T> body) {
        return with(bucketLock(bucket).writeLock(), body);
    }

    /** Runs {@code body} with the bucket's stripe shared and the key's stripe held. */
    <T> T withKeyInBucket(String bucket, String key, Supplier<T> body) {
        return with(bucketLock(bucket).readLock(), () -> withKey(bucket, key, body));
    }

    /** Runs {@code body} with only the key's stripe held. */
    <T> T withKey(String bucket, String key, Supplier<T> body) {
        int h = spread(bucket.hashCode() * 31 + key.hashCode());
        return with(keyLocks[h & (KEY_STRIPES - 1)], body);
    }

    private ReentrantReadWriteLock bucketLock(String bucket) {
        return bucketLocks[spread(bucket.hashCode()) & (BUCKET_STRIPES - 1)];
    }

    private static <T> T with(Lock lock, Supplier<T> body) {
        lock.lock();
        try {
            return body.get();
        } finally {
            lock.unlock();
        }
    }

    /** Mixes high bits into low ones, since only the low bits pick the stripe. */
    private static int spread(int h) {
        return h ^ (h >>> 16) ^ (h >>> 7);
    }
}

package dev.coffer.compat.crash;

import dev.coffer.compat.support.TestData;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * Client threads writing to one bucket until told to stop: PUTs of small (inline) bodies, of
 * bodies just over the inline threshold, and of several-MiB bodies (several chunks), overwrites
 * of the same keys, and deletes. Each thread owns its keys, so that what a key may show after a
 * crash follows from the {@link KeyLedger}. A thread ends at its first failed request (the server
 * was killed) or after a bounded number of requests.
 */
public final class CrashWorkload {
    private static final int MAX_REQUESTS_PER_WRITER = 5_000;
    private static final int SMALL_MAX = 30 * 1024;
    private static final int LARGE_MIN = 2 * 1024 * 1024;
    private static final int LARGE_SPREAD = 3 * 1024 * 1024;

    private final S3Client s3;
    private final String bucket;
    private final KeyLedger ledger;
    private final AtomicLong sequence;
    private final long seed;
    private final int keysPerWriter;
    private final List<Thread> threads = new ArrayList<>();
    private final List<String> unexpected = new CopyOnWriteArrayList<>();
    private volatile boolean stopping;

    public CrashWorkload(S3Client s3, String bucket, KeyLedger ledger, AtomicLong sequence, long seed, int keysPerWriter) {
        this.s3 = s3;
        this.bucket = bucket;
        this.ledger = ledger;
        this.sequence = sequence;
        this.seed = seed;
        this.keysPerWriter = keysPerWriter;
    }

    public static String key(int writer, int index) {
        return "w" + writer + "/k" + index;
    }

    public void start(int writers) {
        for (int w = 0; w < writers; w++) {
            int writer = w;
            Thread thread = new Thread(() -> run(writer, new Random(seed * 31 + writer)), "crash-writer-" + w);
            threads.add(thread);
            thread.start();
        }
    }

    /** From now on a failed request is expected (the kill follows), and no thread starts another. */
    public void stopping() {
        stopping = true;
    }

    /** Waits for every thread to end: each one ends at its first failed request after the kill. */
    public void awaitEnd() throws InterruptedException {
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(60));
            if (thread.isAlive()) throw new IllegalStateException(thread.getName() + " did not end in 60 s");
        }
    }

    /** Requests that failed while the server was meant to be up, or acknowledged with a wrong ETag. */
    public List<String> unexpected() {
        return List.copyOf(unexpected);
    }

    private void run(int writer, Random random) {
        for (int i = 0; i < MAX_REQUESTS_PER_WRITER && !stopping; i++) {
            String key = key(writer, random.nextInt(keysPerWriter));
            int dice = random.nextInt(100);
            Optional<Payload> result = dice < 15 ? Optional.empty()
                    : Optional.of(new Payload(key, sequence.incrementAndGet(), sizeFor(dice, random)));
            ledger.begin(key, result);
            try {
                if (result.isEmpty()) {
                    s3.deleteObject(b -> b.bucket(bucket).key(key));
                } else {
                    byte[] bytes = result.get().bytes();
                    PutObjectResponse put = s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
                    if (!TestData.etagOf(bytes).equals(put.eTag())) {
                        unexpected.add(key + " seq " + result.get().seq() + ": ETag " + put.eTag());
                    }
                }
                ledger.acknowledge(key);
            } catch (SdkException e) {
                if (!stopping) unexpected.add(key + " before the kill: " + e);
                return; // the server is gone; this key's request stays in flight
            }
        }
    }

    private static int sizeFor(int dice, Random random) {
        if (dice < 55) return Payload.MIN_SIZE + random.nextInt(SMALL_MAX - Payload.MIN_SIZE);
        if (dice < 65) return KillableServer.INLINE_THRESHOLD + 1 + random.nextInt(8 * 1024);
        return LARGE_MIN + random.nextInt(LARGE_SPREAD);
    }
}

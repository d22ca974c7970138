package dev.coffer.metadata.bench;

import dev.coffer.metadata.BucketRecord;
import dev.coffer.metadata.Catalog;
import dev.coffer.metadata.ListPage;
import dev.coffer.metadata.ListQuery;
import dev.coffer.metadata.ObjectRecord;
import dev.coffer.metadata.WriteCondition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Listing at scale, at the Catalog level (not a test; see docs/benchmarks.md). Builds a bucket of
 * N small inline objects with concurrent {@link Catalog#putObject} calls (one WriteBatch each, WAL
 * fsync off: the fastest honest way through the one write path), keys {@code d%05d/f%d}: N/10
 * "folders" of 10 keys, so a delimiter page of 1,000 common prefixes skips 10,000 keys by seeks. Then times 1,000-key pages at the start, middle and end, flat and with delimiter "/",
 * and walks the whole bucket. Args: [objects=1000000] [runs=5] [dir].
 */
public final class ListingBenchmark {
    private static final int PAGE = 1000;
    private static final int SAMPLES = 200;
    private static final int WARMUP = 50;
    private static final int FOLDER = 10;

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path dir = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("coffer-bench-");
        try (Catalog catalog = Catalog.open(dir, false)) {
            build(catalog, n);
            for (int run = 1; run <= runs; run++) {
                System.out.printf("run %d%n", run);
                String mid = key(n / 2);
                String end = key(n - PAGE - 1);
                page(catalog, "flat start", "", null, null);
                page(catalog, "flat middle", "", null, mid);
                page(catalog, "flat end", "", null, end);
                page(catalog, "delimiter start", "", "/", null);
                page(catalog, "delimiter middle", "", "/", folder(n / 2));
                page(catalog, "delimiter end", "", "/", folder(n - FOLDER * PAGE - FOLDER));
                walk(catalog, n);
            }
        }
    }

    private static String key(int i) {
        return String.format("d%05d/f%d", i / FOLDER, i % FOLDER);
    }

    private static String folder(int i) {
        return String.format("d%05d/", i / FOLDER);
    }

    private static void build(Catalog catalog, int n) throws Exception {
        catalog.createBucket(new BucketRecord("bench", 0, "us-east-1", "owner"));
        long start = System.nanoTime();
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int first = t;
            futures.add(pool.submit(() -> {
                for (int i = first; i < n; i += threads) {
                    byte[] body = ("object " + i).getBytes();
                    catalog.putObject("bench", key(i), ObjectRecord.ofBody(body.length, "etag" + i, 1_700_000_000_000L,
                            Map.of("content-type", "text/plain"), Map.of(), Map.of(), body, List.of()), WriteCondition.NONE);
                }
            }));
        }
        for (Future<?> f : futures) f.get();
        pool.shutdown();
        double s = (System.nanoTime() - start) / 1e9;
        System.out.printf("built %,d objects in %.1f s (%,.0f puts/s)%n", n, s, n / s);
    }

    private static void page(Catalog catalog, String what, String prefix, String delimiter, String after) {
        for (int i = 0; i < WARMUP; i++) {
            catalog.list(new ListQuery("bench", prefix, delimiter, after, PAGE));
        }
        long[] nanos = new long[SAMPLES];
        int entries = 0;
        for (int i = 0; i < SAMPLES; i++) {
            long t = System.nanoTime();
            ListPage p = catalog.list(new ListQuery("bench", prefix, delimiter, after, PAGE));
            nanos[i] = System.nanoTime() - t;
            entries = p.objects().size() + p.commonPrefixes().size();
        }
        Arrays.sort(nanos);
        System.out.printf("  %-20s %4d entries  p50 %6.2f ms  p99 %6.2f ms%n", what, entries,
                nanos[SAMPLES / 2] / 1e6, nanos[SAMPLES * 99 / 100] / 1e6);
    }

    private static void walk(Catalog catalog, int n) {
        long t = System.nanoTime();
        String after = null;
        long keys = 0;
        while (true) {
            ListPage p = catalog.list(new ListQuery("bench", "", null, after, PAGE));
            keys += p.objects().size();
            if (!p.truncated()) break;
            after = p.lastEntry();
        }
        double s = (System.nanoTime() - t) / 1e9;
        if (keys != n) throw new IllegalStateException("walked " + keys + " of " + n);
        System.out.printf("  full walk: %,d keys in %.2f s = %,.0f keys/s%n", keys, s, keys / s);
    }
}

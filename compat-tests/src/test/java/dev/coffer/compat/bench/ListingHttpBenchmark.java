package dev.coffer.compat.bench;

import dev.coffer.metadata.Catalog;
import dev.coffer.metadata.ObjectRecord;
import dev.coffer.metadata.WriteCondition;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;

/**
 * Listing at scale through HTTP (not a test; run by scripts/bench-listing-http.sh, see
 * docs/benchmarks.md, issue 23). Three steps, each its own run:
 * <ul>
 *   <li>{@code create PORT}: makes bucket {@code bench} through the server (owned by its root);</li>
 *   <li>{@code fill DATA_DIR N}: with the server stopped, puts N small inline objects into that
 *       bucket straight through the catalogue ({@link Catalog#putObject}, the one write path, WAL
 *       sync off), keys {@code d%05d/f%d} as in the metadata ListingBenchmark (folders of 10);</li>
 *   <li>{@code bench PORT N RUNS}: with the server up again, times 1,000-key ListObjectsV2 pages
 *       with the AWS SDK for Java v2 at its defaults (start, middle and end; flat and with
 *       delimiter "/"; and an empty page, after the last key: the same request with no entry, the
 *       floor under the others) and walks the whole bucket by continuation token. Given the server's pid,
 *       each case also prints the server's CPU time per page (utime+stime of the whole process
 *       from /proc, which the machine's load does not inflate the way it does wall time) and the
 *       client's own CPU time per page (its thread's, and its whole process's: the SDK's request,
 *       signing and parse, and the JVM's JIT and GC for them).</li>
 * </ul>
 * The client is the AWS SDK ({@code sdk}, the default) or {@link RawLister} ({@code raw}: SigV4
 * and a socket, no XML parse), so the same pages show how much of their time is the SDK's.
 */
public final class ListingHttpBenchmark {
    private static final int PAGE = 1000;
    private static final int SAMPLES = 200;
    private static final int WARMUP = 50;
    private static final int FOLDER = 10;
    /** After every key: the floor case, a page through the same path with no entry to list or write. */
    private static final String EMPTY_AFTER = "e";

    public static void main(String[] args) {
        switch (args[0]) {
            case "create" -> {
                try (S3Client s3 = client(Integer.parseInt(args[1]))) {
                    s3.createBucket(b -> b.bucket("bench"));
                }
            }
            case "fill" -> fill(Path.of(args[1]), Integer.parseInt(args[2]));
            case "bench" -> bench(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    args.length > 4 ? new CpuMeter(Long.parseLong(args[4])) : CpuMeter.NONE,
                    args.length > 5 ? args[5] : "sdk");
            default -> throw new IllegalArgumentException("create PORT | fill DATA_DIR N | bench PORT N RUNS [SERVER_PID [sdk|raw]]");
        }
    }

    private static S3Client client(int port) {
        return S3Client.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("BENCHKEY", "BENCHSECRET")))
                .forcePathStyle(true)
                .build();
    }

    private static String key(int i) {
        return String.format("d%05d/f%d", i / FOLDER, i % FOLDER);
    }

    private static String folder(int i) {
        return String.format("d%05d/", i / FOLDER);
    }

    private static void fill(Path dataDir, int n) {
        long started = System.nanoTime();
        try (Catalog catalog = Catalog.open(dataDir.resolve("catalog"), false)) {
            IntStream.range(0, n).parallel().forEach(i -> {
                byte[] body = ("object " + i).getBytes(StandardCharsets.UTF_8);
                ObjectRecord record = ObjectRecord.ofBody(body.length, "etag" + i, 1_700_000_000_000L,
                        Map.of("content-type", "text/plain"), Map.of(), Map.of(), body, List.of());
                catalog.putObject("bench", key(i), record, WriteCondition.NONE);
            });
        }
        System.out.printf("filled %,d objects in %.1f s%n", n, (System.nanoTime() - started) / 1e9);
    }

    /** One page as the benchmark needs it: how many entries, and where the next one starts. */
    record Page(int entries, String nextToken, boolean truncated) {}

    /** A client that fetches ListObjectsV2 pages of bucket "bench", 1,000 entries at most. */
    interface Lister extends AutoCloseable {
        Page list(String delimiter, String startAfter, String token);

        @Override
        void close();
    }

    /** The AWS SDK for Java v2 at its defaults: request, signature, and the whole parse of the answer. */
    private record SdkLister(S3Client s3) implements Lister {
        public Page list(String delimiter, String startAfter, String token) {
            ListObjectsV2Response r = s3.listObjectsV2(ListObjectsV2Request.builder().bucket("bench").maxKeys(PAGE)
                    .delimiter(delimiter).startAfter(startAfter).continuationToken(token).build());
            return new Page(r.contents().size() + r.commonPrefixes().size(), r.nextContinuationToken(),
                    Boolean.TRUE.equals(r.isTruncated()));
        }

        public void close() {
            s3.close();
        }
    }

    private static void bench(int port, int n, int runs, CpuMeter cpu, String clientKind) {
        try (Lister s3 = "raw".equals(clientKind) ? new RawLister(port) : new SdkLister(client(port))) {
            System.out.printf("client %s%n", clientKind);
            for (int run = 1; run <= runs; run++) {
                System.out.printf("run %d%n", run);
                page(s3, cpu, "flat start", null, null);
                page(s3, cpu, "flat middle", null, key(n / 2));
                page(s3, cpu, "flat end", null, key(n - PAGE - 1));
                page(s3, cpu, "delimiter start", "/", null);
                page(s3, cpu, "delimiter middle", "/", folder(n / 2));
                page(s3, cpu, "delimiter end", "/", folder(n - FOLDER * PAGE - FOLDER));
                page(s3, cpu, "empty page", null, EMPTY_AFTER);
                walk(s3, cpu, n);
            }
        }
    }

    /** p50, p90 and p99 of SAMPLES timed pages after WARMUP untimed ones; entries of the last page. */
    private static void page(Lister s3, CpuMeter cpu, String what, String delimiter, String startAfter) {
        Supplier<Page> call = () -> s3.list(delimiter, startAfter, null);
        IntStream.range(0, WARMUP).forEach(i -> call.get());
        Page[] last = new Page[1];
        CpuMeter.Mark mark = cpu.mark();
        long[] nanos = LongStream.range(0, SAMPLES).map(i -> {
            long t = System.nanoTime();
            last[0] = call.get();
            return System.nanoTime() - t;
        }).sorted().toArray();
        System.out.printf("  %-18s %4d entries  p50 %6.2f ms  p90 %6.2f ms  p99 %6.2f ms%s%n", what, last[0].entries(),
                nanos[SAMPLES / 2] / 1e6, nanos[SAMPLES * 9 / 10] / 1e6, nanos[SAMPLES * 99 / 100] / 1e6,
                mark.perPage(SAMPLES));
    }

    /** Every key of the bucket, page after page by continuation token, as a client would. */
    private static void walk(Lister s3, CpuMeter cpu, int n) {
        CpuMeter.Mark mark = cpu.mark();
        long started = System.nanoTime();
        long keys = 0;
        int pages = 0;
        for (String token = null; ; pages++) {
            Page r = s3.list(null, null, token);
            keys += r.entries();
            token = r.nextToken();
            if (!r.truncated()) break;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (keys != n) throw new IllegalStateException("walked " + keys + " of " + n);
        String perPage = mark.perPage(pages + 1);
        System.out.printf("  full walk: %,d keys in %,d pages, %.2f s = %,.0f keys/s%s%n", keys, pages + 1, seconds,
                keys / seconds, perPage);
    }
}

package dev.coffer.api.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.metadata.BucketRecord;
import dev.coffer.metadata.Catalog;
import dev.coffer.metadata.ChunkPointer;
import dev.coffer.metadata.ObjectRecord;
import dev.coffer.metadata.WriteCondition;
import dev.coffer.storage.ChunkId;
import dev.coffer.storage.ChunkRef;
import dev.coffer.storage.ChunkStore;
import dev.coffer.storage.ChunkWriter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackgroundJobsTest {
    @TempDir
    Path dir;

    Catalog catalog;
    ChunkStore chunks;
    SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @BeforeEach
    void open() throws IOException {
        catalog = Catalog.open(dir.resolve("catalog"), false);
        chunks = ChunkStore.open(dir.resolve("store"), 1024 * 1024);
        catalog.createBucket(new BucketRecord("b", 1, "us-east-1", "o"));
    }

    @AfterEach
    void close() {
        chunks.close();
        catalog.close();
    }

    private ChunkRef chunk(int size, int seed) throws IOException {
        byte[] bytes = new byte[size];
        new java.util.Random(seed).nextBytes(bytes);
        try (ChunkWriter writer = chunks.newWriter()) {
            writer.write(ByteBuffer.wrap(bytes));
            return writer.finish().get(0);
        }
    }

    private void publish(String key, ChunkRef chunk) {
        catalog.putObject("b", key, ObjectRecord.ofBody(chunk.length(), "e", 1, Map.of(), Map.of(), Map.of(), null,
                List.of(new ChunkPointer(chunk.id().value(), chunk.length()))), WriteCondition.NONE);
    }

    private List<String> stored() throws IOException {
        return chunks.listChunks().stream().map(ChunkId::value).sorted().toList();
    }

    @Test
    void theSweepRemovesOnlyChunksNothingNamesFromBeforeTheStart() throws IOException {
        ChunkRef named = chunk(100, 1);
        ChunkRef orphan = chunk(100, 2);
        publish("k", named);
        JobRunner runner = new JobRunner(List.of(), 1, Duration.ofSeconds(1), registry);
        OrphanSweep young = new OrphanSweep(catalog, chunks, 0, Duration.ofHours(1), Duration.ofHours(1));
        assertThat(runner.runPass(young)).isTrue();
        assertThat(stored()).as("a young chunk may be an upload in flight").hasSize(2);

        OrphanSweep atStart = new OrphanSweep(catalog, chunks, System.currentTimeMillis() + 1000, Duration.ofHours(1),
                Duration.ofHours(1));
        assertThat(runner.runPass(atStart)).isTrue();
        assertThat(stored()).containsExactly(named.id().value());
        assertThat(orphan).isNotNull();
    }

    @Test
    void theSweepWalksAStoreLargerThanItsBatch() throws IOException {
        ChunkRef named = chunk(10, 0);
        publish("k", named);
        for (int i = 1; i <= 25; i++) chunk(10, i);
        OrphanSweep sweep = new OrphanSweep(catalog, chunks, System.currentTimeMillis() + 1000, Duration.ZERO,
                Duration.ofHours(1));
        int steps = 0;
        while (true) {
            steps++;
            if (!sweep.step().more()) break;
        }
        assertThat(steps).isEqualTo(1); // BATCH is 10 000; the paging itself: ChunkStoreTest.listChunksAfter…
        assertThat(stored()).containsExactly(named.id().value());
    }

    @Test
    void scrubFindsAFlippedByteQuarantinesTheChunkAndCountsIt() throws IOException {
        ChunkRef good = chunk(200_000, 1);
        ChunkRef bad = chunk(200_000, 2);
        Path file = dir.resolve("store/chunks").resolve(bad.id().value().substring(0, 2)).resolve(bad.id().value());
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(70_000);
            int b = f.read();
            f.seek(70_000);
            f.write(b ^ 0x01);
        }
        Scrub scrub = new Scrub(catalog, chunks, 1L << 30, Duration.ofDays(7), registry);
        JobRunner runner = new JobRunner(List.of(scrub), 1, Duration.ofSeconds(1), registry);
        assertThat(runner.runPass(scrub)).isTrue();
        assertThat(registry.get("coffer.scrub.corrupt.chunks").counter().count()).isEqualTo(1);
        assertThat(registry.get("coffer.scrub.read").counter().count()).isGreaterThanOrEqualTo(200_000);
        assertThat(stored()).containsExactly(good.id().value());
        assertThat(Files.exists(dir.resolve("store/quarantine").resolve(bad.id().value()))).isTrue();
        assertThat(registry.get("coffer.jobs.done").tag("kind", "scrub").functionCounter().count()).isEqualTo(2);
        assertThat(catalog.jobCursors().get("scrub")).as("the end of the pass is recorded").isPresent();
        // The next pass waits for scrub-interval after this one ended: nothing is read again.
        assertThat(runner.runPass(scrub)).isTrue();
        assertThat(registry.get("coffer.jobs.done").tag("kind", "scrub").functionCounter().count()).isEqualTo(2);
    }

    @Test
    void scrubReadsAtTheConfiguredRate() throws IOException {
        chunk(300_000, 1);
        Scrub scrub = new Scrub(catalog, chunks, 200_000, Duration.ofDays(7), registry);
        long started = System.nanoTime();
        assertThat(new JobRunner(List.of(), 1, Duration.ofSeconds(1), registry).runPass(scrub)).isTrue();
        assertThat(System.nanoTime() - started).as("300 kB at 200 kB/s").isGreaterThan(1_200_000_000L);
    }

    @Test
    void aKindThatKeepsFailingIsReportedUntilAPassSucceeds() {
        AtomicInteger calls = new AtomicInteger();
        Job flaky = new Job() {
            public String kind() {
                return "flaky";
            }

            public Duration interval() {
                return Duration.ofHours(1);
            }

            public Step step() throws IOException {
                if (calls.incrementAndGet() <= 3) throw new IOException("disk says no");
                return new Step(5, false);
            }

            public long backlog() {
                return 7;
            }
        };
        JobRunner runner = new JobRunner(List.of(flaky), 1, Duration.ofHours(1), registry);
        for (int i = 0; i < 3; i++) runner.runPass(flaky);
        assertThat(runner.failingKinds()).containsExactly("flaky");
        assertThat(registry.get("coffer.jobs.failed").tag("kind", "flaky").functionCounter().count()).isEqualTo(3);
        assertThat(registry.get("coffer.jobs.backlog").tag("kind", "flaky").gauge().value()).isEqualTo(7);
        runner.runPass(flaky);
        assertThat(runner.failingKinds()).isEmpty();
        assertThat(registry.get("coffer.jobs.done").tag("kind", "flaky").functionCounter().count()).isEqualTo(5);
        assertThat(registry.get("coffer.jobs.last.run.timestamp").tag("kind", "flaky").gauge().value()).isPositive();
    }

    @Test
    void onAClusterFollowerOnlyTheKindsOfEveryNodeRunAndTheLeaderRunsThemAll() throws Exception {
        AtomicInteger leaderKindPasses = new AtomicInteger();
        AtomicInteger nodeKindPasses = new AtomicInteger();
        Job gcLike = counting("gc-like", Job.Scope.LEADER, leaderKindPasses);
        Job scrubLike = counting("scrub-like", Job.Scope.EVERY_NODE, nodeKindPasses);
        java.util.concurrent.atomic.AtomicBoolean leads = new java.util.concurrent.atomic.AtomicBoolean(false);
        JobRunner runner = new JobRunner(List.of(gcLike, scrubLike), 2, Duration.ofMillis(10), registry, leads::get);
        runner.start();
        try {
            awaitAtLeast(nodeKindPasses, 3);
            assertThat(leaderKindPasses.get()).as("passes of a leader-only kind on a follower").isZero();
            leads.set(true); // an election made this node the leader
            awaitAtLeast(leaderKindPasses, 3);
        } finally {
            runner.stop();
        }
    }

    private static void awaitAtLeast(AtomicInteger counter, int n) throws InterruptedException {
        for (long end = System.nanoTime() + 30_000_000_000L; counter.get() < n; Thread.sleep(10)) {
            assertThat(System.nanoTime() - end).as("%d passes within 30 s", n).isNegative();
        }
    }

    private static Job counting(String kind, Job.Scope scope, AtomicInteger passes) {
        return new Job() {
            public String kind() {
                return kind;
            }

            public Duration interval() {
                return Duration.ofMillis(20);
            }

            public Step step() {
                passes.incrementAndGet();
                return new Step(1, false);
            }

            public long backlog() {
                return 0;
            }

            public Scope scope() {
                return scope;
            }
        };
    }
}

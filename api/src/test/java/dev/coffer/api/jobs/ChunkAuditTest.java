package dev.coffer.api.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.metadata.BucketRecord;
import dev.coffer.metadata.Catalog;
import dev.coffer.metadata.ChunkPointer;
import dev.coffer.metadata.ObjectRecord;
import dev.coffer.metadata.WriteCondition;
import dev.coffer.storage.ChunkRef;
import dev.coffer.storage.ChunkStore;
import dev.coffer.storage.ChunkWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chunk-audit on a real catalogue and chunk store: it finds what is gone or short, and only that. */
class ChunkAuditTest {
    @TempDir
    Path dir;
    Catalog catalog;
    ChunkStore chunks;
    final List<ChunkRef> refs = new ArrayList<>();

    @BeforeEach
    void open() throws IOException {
        catalog = Catalog.open(dir.resolve("catalog"), false);
        chunks = ChunkStore.open(dir.resolve("store"), 1024 * 1024);
        catalog.createBucket(new BucketRecord("b", 1, "us-east-1", "o"));
        for (int i = 0; i < 12; i++) { // three steps of 5 records
            byte[] bytes = new byte[100 + i];
            try (ChunkWriter writer = chunks.newWriter()) {
                writer.write(ByteBuffer.wrap(bytes));
                ChunkRef ref = writer.finish().get(0);
                refs.add(ref);
                catalog.putObject("b", "k" + i, ObjectRecord.ofBody(ref.length(), "e", 1, Map.of(), Map.of(), Map.of(), null,
                        List.of(new ChunkPointer(ref.id().value(), ref.length()))), WriteCondition.NONE);
            }
        }
    }

    @AfterEach
    void close() {
        chunks.close();
        catalog.close();
    }

    private Path file(ChunkRef ref) {
        return dir.resolve("store/chunks").resolve(ref.id().value().substring(0, 2)).resolve(ref.id().value());
    }

    private ChunkAudit audit() {
        return new ChunkAudit(catalog, chunks, null, 1_000_000, Duration.ofDays(1), 5);
    }

    private static int pass(ChunkAudit audit) throws Exception {
        int steps = 0;
        while (true) {
            steps++;
            if (!audit.step().more()) return steps;
        }
    }

    @Test
    void anIntactStoreHasNothingMissing() throws Exception {
        ChunkAudit audit = audit();
        assertThat(pass(audit)).isEqualTo(3);
        assertThat(audit.found()).isEqualTo(new ChunkAudit.Found(0, List.of(), true));
        assertThat(audit.backlog()).isZero();
    }

    @Test
    void aDeletedAndACutChunkAreFoundAndNamed() throws Exception {
        Files.delete(file(refs.get(7)));
        try (FileChannel f = FileChannel.open(file(refs.get(9)), StandardOpenOption.WRITE)) {
            f.truncate(f.size() - 1);
        }
        ChunkAudit audit = audit();
        pass(audit);
        assertThat(audit.found().count()).isEqualTo(2);
        assertThat(audit.found().wholePass()).isTrue();
        assertThat(audit.found().examples()).containsExactlyInAnyOrder(refs.get(7).id().value(), refs.get(9).id().value());
        assertThat(audit.backlog()).isEqualTo(2);
    }

    @Test
    void itsFirstPassComesAtOnceAfterAStartThenOnlyAfterItsInterval() throws Exception {
        pass(audit());
        Files.delete(file(refs.get(1)));
        ChunkAudit afterRestart = audit();
        afterRestart.step();
        assertThat(afterRestart.found().count()).as("a new start looks again at once").isEqualTo(1);
        pass(afterRestart);
        assertThat(afterRestart.step().done()).as("no new pass before the interval").isZero();
    }

    @Test
    void aPassCutByARestartResumesWithItsCount() throws Exception {
        Files.delete(file(refs.get(0)));
        Files.delete(file(refs.get(7)));
        ChunkAudit first = audit();
        assertThat(first.step().more()).isTrue(); // one step, then "killed"
        long firstStepFound = first.found().count();
        ChunkAudit resumed = audit();
        int steps = pass(resumed);
        assertThat(steps).as("resumed where it stopped").isEqualTo(2);
        assertThat(firstStepFound).as("k0 comes first, k7 after the first 5 keys (k0 k1 k10 k11 k2)").isEqualTo(1);
        assertThat(resumed.found().count()).isEqualTo(2);
    }
}

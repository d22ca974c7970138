package dev.coffer.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Catalog#onBucketChange}: told after each command that changed a bucket commits (the new
 * rows readable by then), through the local runner and through a log's replica alike; never for
 * a refused command or an object write.
 */
class BucketChangeTest {
    @TempDir
    Path dir;

    Catalog catalog;
    final List<String> told = new ArrayList<>();
    final List<String> seenAtTelling = new ArrayList<>();

    @BeforeEach
    void open() {
        catalog = Catalog.open(dir, false);
        catalog.onBucketChange(bucket -> {
            told.add(bucket);
            seenAtTelling.add(bucket == null ? null
                    : catalog.bucketConfig(bucket, "lifecycle").map(b -> new String(b, StandardCharsets.UTF_8)).orElse(""));
        });
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    @Test
    void eachBucketCommandIsToldAfterItCommitted() {
        catalog.createBucket(Records.bucket("b"));
        catalog.setBucketConfig("b", "lifecycle", "one".getBytes(StandardCharsets.UTF_8));
        catalog.versions().setVersioning("b", Versioning.ENABLED);
        catalog.putObject("b", "k", Records.inline("e", "x"), WriteCondition.NONE);
        catalog.deleteObject("b", "k");
        assertEquals(List.of("b", "b", "b"), told);
        assertEquals(List.of("", "one", "one"), seenAtTelling);
    }

    @Test
    void aRefusedCommandIsNotTold() {
        assertThrows(NoSuchBucketException.class, () -> catalog.setBucketConfig("none", "lifecycle", new byte[] {1}));
        assertEquals(List.of(), told);
    }

    @Test
    void aCommandAppliedFromALogIsToldAsItApplies() {
        AtomicLong index = new AtomicLong();
        catalog.appendCommandsTo(command -> catalog.replica().apply(command, new AppliedIndex(1, index.incrementAndGet())));
        catalog.createBucket(Records.bucket("b"));
        catalog.setBucketConfig("b", "lifecycle", "two".getBytes(StandardCharsets.UTF_8));
        catalog.deleteBucket("b");
        assertEquals(List.of("b", "b", "b"), told);
        assertEquals(List.of("", "two", ""), seenAtTelling);
    }
}

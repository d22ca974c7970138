package dev.coffer.api.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.api.jobs.ChunkGc;
import dev.coffer.api.sse.SseRecord;
import dev.coffer.api.sse.SseRequest;
import dev.coffer.metadata.BucketRecord;
import dev.coffer.metadata.EventOrigin;
import dev.coffer.metadata.ObjectVersion;
import dev.coffer.metadata.Versioning;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Object writes under a power cut at every durability point ({@link PowerCutRun}): chunked and
 * SSE-S3 PUTs through the upload path, a PUT that supersedes a version, CopyObject, a delete
 * marker, a versioned delete (its chunks queued for GC), a bucket made and deleted, and a GC step
 * that deletes the collected chunks and then completes their entries.
 */
class PowerLossObjectWritesTest {
    private static final SseRequest SSE_S3 = new SseRequest(SseRecord.Kind.S3, null, null, null);

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedObjectWriteSurvivesACutAtAnyPoint() throws Exception {
        byte[] first = bytes(2 * PowerLossRig.MAX_CHUNK + 123, 1);
        byte[] sealed = bytes(PowerLossRig.MAX_CHUNK + 7, 2);
        byte[] second = bytes(PowerLossRig.MAX_CHUNK - 9, 3);
        byte[] small = bytes(1000, 4);
        int points = PowerCutRun.everyCut(dir, "objects", (run, rig) -> {
            run.step(e -> e.buckets.add("b"), () -> rig.buckets.create(new BucketRecord("b", 1L, "us-east-1", "owner")).block());
            run.step(e -> { }, () -> rig.objects.versions().setVersioning("b", Versioning.ENABLED).block());
            ObjectVersion v1 = run.step(e -> e.current.put("b/big", first), () -> rig.put("b", "big", first, SseRequest.NONE));
            run.keep("b", "big", v1.record().versionId(), first);
            ObjectVersion s = run.step(e -> e.current.put("b/sse", sealed), () -> rig.put("b", "sse", sealed, SSE_S3));
            run.keep("b", "sse", s.record().versionId(), sealed);
            ObjectVersion inline = run.step(e -> e.current.put("b/small", small), () -> rig.put("b", "small", small, SSE_S3));
            run.keep("b", "small", inline.record().versionId(), small);
            ObjectVersion v2 = run.step(e -> e.current.put("b/big", second), () -> rig.put("b", "big", second, SseRequest.NONE));
            run.keep("b", "big", v2.record().versionId(), second);
            ObjectService.Copied copy = run.step(e -> e.current.put("b/copy", sealed), () -> rig.objects.copy("b", "sse", null,
                    "b", "copy", r -> { }, null, null, r -> Map.of(), null, SseRequest.NONE, dev.coffer.metadata.WriteCondition.NONE,
                    EventOrigin.NONE).block());
            run.keep("b", "copy", copy.target().record().versionId(), sealed);
            run.step(e -> e.current.put("b/sse", null),
                    () -> rig.objects.versions().delete("b", "sse", null, EventOrigin.NONE).block());
            String v1Id = v1.record().versionId();
            run.step(e -> e.versions.remove("b/big/" + v1Id),
                    () -> rig.objects.versions().delete("b", "big", v1Id, EventOrigin.NONE).block());
            run.step(e -> e.buckets.add("gone"), () -> rig.buckets.create(new BucketRecord("gone", 1L, "us-east-1", "owner")).block());
            run.step(e -> e.buckets.remove("gone"), () -> rig.buckets.delete("gone").block());
            // GC deletes the versioned delete's chunks, then completes their entries with one command
            ChunkGc gc = new ChunkGc(rig.catalog, rig.chunks, rig.leases, Duration.ofMinutes(-1), Duration.ofMinutes(1));
            run.step(e -> { }, () -> gc.step());
            assertThat(rig.catalog.gc().pending(Long.MAX_VALUE, 10)).isEmpty();
        });
        // at least: 3 + 2 + 1 + 2 chunks (force and rename each) and 12 commands
        assertThat(points).isGreaterThanOrEqualTo(2 * 8 + 12);
    }

    static byte[] bytes(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }
}

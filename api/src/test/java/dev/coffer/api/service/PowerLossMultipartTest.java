package dev.coffer.api.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.api.jobs.ChunkGc;
import dev.coffer.api.sse.SseRequest;
import dev.coffer.metadata.BucketRecord;
import dev.coffer.metadata.ChunkPointer;
import dev.coffer.metadata.EventOrigin;
import dev.coffer.metadata.ObjectRecord;
import dev.coffer.metadata.PartInfo;
import dev.coffer.metadata.PartRecord;
import dev.coffer.metadata.UploadCompletion;
import dev.coffer.metadata.UploadRecord;
import dev.coffer.metadata.WriteCondition;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Multipart uploads under a power cut at every durability point ({@link PowerCutRun}): parts
 * through the upload path, a part sent again (the first one's chunks queued for GC), UploadPartCopy
 * of a range, a completion that leaves one part out (its chunks queued for GC), an aborted upload,
 * and the GC step after them.
 */
class PowerLossMultipartTest {
    private static final int CHUNK = PowerLossRig.MAX_CHUNK;

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedMultipartStepSurvivesACutAtAnyPoint() throws Exception {
        byte[] source = PowerLossObjectWritesTest.bytes(2 * CHUNK + 11, 5);
        byte[] part1Lost = PowerLossObjectWritesTest.bytes(CHUNK, 6);
        byte[] part1 = PowerLossObjectWritesTest.bytes(CHUNK + 77, 7);
        byte[] part3 = PowerLossObjectWritesTest.bytes(CHUNK - 1, 8);
        int copyFrom = CHUNK / 2;
        int copyTo = CHUNK + 5; // inclusive: two source chunks, one copied chunk
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        whole.write(part1);
        whole.write(source, copyFrom, copyTo - copyFrom + 1);
        byte[] completed = whole.toByteArray();
        int points = PowerCutRun.everyCut(dir, "multipart", (run, rig) -> {
            run.step(e -> e.buckets.add("m"), () -> rig.buckets.create(new BucketRecord("m", 1L, "us-east-1", "owner")).block());
            run.step(e -> e.current.put("m/src", source), () -> rig.put("m", "src", source, SseRequest.NONE));
            UploadRecord upload = run.step(e -> { }, () -> rig.uploads.create((id, now) -> new UploadRecord("m", "mp", id, now,
                    Map.of(), Map.of(), null, null, null, "owner"), SseRequest.NONE).block());
            run.step(e -> { }, () -> putPart(rig, upload, 1, part1Lost));
            run.step(e -> { }, () -> putPart(rig, upload, 1, part1)); // sent again: the first one's chunks go to GC
            run.step(e -> { }, () -> rig.uploads.copyPart("m", "src", null, upload, 2, r -> new long[] {copyFrom, copyTo},
                    null, null).block());
            run.step(e -> { }, () -> putPart(rig, upload, 3, part3));
            run.step(e -> e.current.put("m/mp", completed), () -> rig.uploads.complete("m", "mp", upload.uploadId(),
                    PowerLossMultipartTest::firstTwoParts, WriteCondition.NONE, EventOrigin.NONE).block());
            UploadRecord aborted = run.step(e -> { }, () -> rig.uploads.create((id, now) -> new UploadRecord("m", "gone", id,
                    now, Map.of(), Map.of(), null, null, null, "owner"), SseRequest.NONE).block());
            run.step(e -> { }, () -> putPart(rig, aborted, 1, part3));
            run.step(e -> { }, () -> rig.uploads.abort("m", "gone", aborted.uploadId()).block());
            ChunkGc gc = new ChunkGc(rig.catalog, rig.chunks, rig.leases, Duration.ofMinutes(-1), Duration.ofMinutes(1));
            run.step(e -> { }, () -> gc.step());
            assertThat(rig.catalog.gc().pending(Long.MAX_VALUE, 10)).isEmpty();
        });
        // at least: 3 + 1 + 2 + 1 + 1 + 1 chunks (force and rename each) and 12 commands
        assertThat(points).isGreaterThanOrEqualTo(2 * 9 + 12);
    }

    private static PartRecord putPart(PowerLossRig rig, UploadRecord upload, int number, byte[] bytes) throws Exception {
        StoredBody body = rig.receive(bytes, null);
        PartRecord part = new PartRecord(number, body.size(), HexFormat.of().formatHex(body.md5()),
                System.currentTimeMillis(), null, null, ObjectService.pointers(body.chunks()));
        return rig.uploads.putPart(upload, part, body).block();
    }

    /** CompleteMultipartUpload naming parts 1 and 2 (part 3 is left out). */
    private static ObjectRecord firstTwoParts(UploadRecord upload, List<PartRecord> parts) {
        List<ChunkPointer> chunks = new ArrayList<>();
        List<PartInfo> infos = new ArrayList<>();
        long size = 0;
        for (PartRecord part : parts) {
            if (part.partNumber() > 2) continue;
            chunks.addAll(part.chunks());
            infos.add(new PartInfo(part.partNumber(), part.size(), part.etag(), null));
            size += part.size();
        }
        return ObjectRecord.ofParts(size, "etag-2", System.currentTimeMillis(), Map.of(), Map.of(), Map.of(), null,
                chunks, infos);
    }
}

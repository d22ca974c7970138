package dev.coffer.api.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.coffer.api.jobs.ChunkAudit;
import dev.coffer.api.server.ExceptionTranslator;
import dev.coffer.api.service.BlockingIo;
import dev.coffer.api.service.ChunkLeases;
import dev.coffer.api.service.ObjectStreamer;
import dev.coffer.metadata.Catalog;
import dev.coffer.metadata.ChunkPointer;
import dev.coffer.metadata.ObjectRecord;
import dev.coffer.storage.ChunkRef;
import dev.coffer.storage.ChunkStore;
import dev.coffer.storage.ChunkUnreadableException;
import dev.coffer.storage.ChunkWriter;
import dev.coffer.storage.FailingChunkReads;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;

/**
 * A GET on a single node whose chunk file fails to read (EIO) mid-object, with a real chunk store,
 * catalogue and streamer: the response stops after the blocks read before the error (no byte of
 * the failed one), the chunk is quarantined, and the error is counted and shown in health.
 */
class ChunkReadErrorTest {
    private static final int BLOCK = 64 * 1024;
    @TempDir Path dir;

    @Test
    void anEioMidObjectAbortsTheStreamQuarantinesCountsAndShowsInHealth() throws Exception {
        byte[] payload = new byte[4 * BLOCK];
        new Random(9).nextBytes(payload);
        AtomicLong badByte = new AtomicLong(-1);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Catalog catalog = Catalog.open(dir.resolve("catalog"), false);
             ChunkStore chunks = FailingChunkReads.open(dir.resolve("store"), 1 << 20, badByte::get);
             BlockingIo io = new BlockingIo(1)) {
            ChunkRef ref;
            try (ChunkWriter writer = chunks.newWriter()) {
                writer.write(ByteBuffer.wrap(payload));
                ref = writer.finish().get(0);
            }
            ObjectRecord record = ObjectRecord.ofBody(payload.length, "e", 1, Map.of(), Map.of(), Map.of(), null,
                    List.of(new ChunkPointer(ref.id().value(), ref.length())));
            StoreHealth health = new StoreHealth(catalog, chunks, Optional::empty,
                    () -> new ChunkAudit.Found(0, List.of(), true)).register(registry);
            assertThat(health.problems()).isEmpty();

            badByte.set(2L * BLOCK + 1); // a bad sector in the third block
            List<byte[]> received = new ArrayList<>();
            Throwable error = catchThrowable(() -> new ObjectStreamer(io, chunks, new ChunkLeases())
                    .stream(record, 0, payload.length - 1, DefaultDataBufferFactory.sharedInstance)
                    .doOnNext(b -> {
                        byte[] bytes = new byte[b.readableByteCount()];
                        b.read(bytes);
                        DataBufferUtils.release(b);
                        received.add(bytes);
                    }).blockLast());

            assertThat(error).hasRootCauseInstanceOf(java.io.IOException.class);
            assertThat(reactor.core.Exceptions.unwrap(error)).isInstanceOf(ChunkUnreadableException.class);
            assertThat(received).hasSize(2); // the two blocks before the failed one, byte for byte
            assertThat(received.get(0)).isEqualTo(java.util.Arrays.copyOfRange(payload, 0, BLOCK));
            assertThat(received.get(1)).isEqualTo(java.util.Arrays.copyOfRange(payload, BLOCK, 2 * BLOCK));
            assertThat(Files.exists(dir.resolve("store/quarantine").resolve(ref.id().value()))).isTrue();
            assertThat(registry.get("coffer.chunk.read.errors").functionCounter().count()).isEqualTo(1);
            assertThat(health.problems()).singleElement().asString()
                    .contains("1 chunk read(s) failed with an I/O error", ref.id().value(), "Input/output error", "quarantine/");

            // Before any byte was sent this is the answer; it is no checksum failure in the metrics.
            assertThat(ExceptionTranslator.translate(error).code().code()).isEqualTo("InternalError");
            RequestTrace trace = new RequestTrace(0);
            trace.failed("InternalError", error);
            assertThat(trace.checksumFailure()).isNull();
        }
    }

    @Test
    void chunksTheAuditFoundMissingAreAProblemAndAGauge() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Catalog catalog = Catalog.open(dir.resolve("catalog"), false);
             ChunkStore chunks = ChunkStore.open(dir.resolve("store"), 1 << 20)) {
            StoreHealth health = new StoreHealth(catalog, chunks, Optional::empty,
                    () -> new ChunkAudit.Found(2, List.of("c1", "c2"), false)).register(registry);
            assertThat(registry.get("coffer.chunks.missing").gauge().value()).isEqualTo(2);
            assertThat(health.problems()).singleElement().asString()
                    .contains("2 chunk(s) the catalogue names are missing or cut short", "pass so far", "c1, c2");
        }
    }
}

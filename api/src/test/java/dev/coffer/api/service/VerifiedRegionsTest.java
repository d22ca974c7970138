package dev.coffer.api.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.coffer.metadata.ChunkPointer;
import dev.coffer.metadata.ObjectRecord;
import dev.coffer.storage.ChunkCorruptedException;
import dev.coffer.storage.ChunkRef;
import dev.coffer.storage.ChunkStore;
import dev.coffer.storage.ChunkWriter;
import dev.coffer.storage.DataKey;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.FileRegion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plain chunked object sent as file regions: every region's bytes are the object's, each was
 * checked before it was emitted (a damaged block is never inside one: the stream fails where it
 * is), and the chunk file is closed and its lease given up once the regions are released.
 */
class VerifiedRegionsTest {
    private static final int BLOCK = 64 * 1024;
    private static final int SIZE = 2 * 1024 * 1024 + 100; // two whole regions and a short third
    @TempDir Path dir;

    @Test
    void theRegionsCarryTheObjectByteForByteAndTheFileClosesAfterThem() throws Exception {
        byte[] payload = random(SIZE);
        try (ChunkStore chunks = ChunkStore.open(dir.resolve("store"), 64 << 20); BlockingIo io = new BlockingIo(1)) {
            ChunkRef ref = write(chunks, payload);
            ChunkLeases leases = new ChunkLeases();
            List<Object> sent = new ArrayList<>();
            new ObjectStreamer(io, chunks, leases).regions()
                    .send(record(ref, SIZE), 0, SIZE - 1, UnpooledByteBufAllocator.DEFAULT,
                            messages -> messages.doOnNext(sent::add).then())
                    .block();

            assertThat(sent).hasSize(3).allMatch(m -> m instanceof FileRegion);
            assertThat(bytesOf(sent)).isEqualTo(payload);
            // The lease is given up in the Mono's doFinally, which Reactor runs just after block() has seen
            // the completion, on the I/O thread: wait (bounded) for it rather than race it.
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
            while (leases.isHeld(ref.id().value()) && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertThat(leases.isHeld(ref.id().value())).isFalse();
            assertThat(openFilesNaming(ref.id().value())).as("held open by the unsent regions").isPositive();
            sent.forEach(m -> ((FileRegion) m).release());
            assertThat(openFilesNaming(ref.id().value())).isZero();
        }
    }

    @Test
    void aRegionWithADamagedBlockIsNeverEmittedTheStreamFailsThere() throws Exception {
        byte[] payload = random(SIZE);
        try (ChunkStore chunks = ChunkStore.open(dir.resolve("store"), 64 << 20); BlockingIo io = new BlockingIo(1)) {
            ChunkRef ref = write(chunks, payload);
            Path file;
            try (Stream<Path> files = Files.walk(dir.resolve("store/chunks"))) {
                file = files.filter(Files::isRegularFile).findFirst().orElseThrow();
            }
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) { // a byte of block 20, region 2
                raf.seek(20L * BLOCK + 3);
                int b = raf.read();
                raf.seek(20L * BLOCK + 3);
                raf.write(b ^ 0x40);
            }
            List<Object> sent = new ArrayList<>();
            Throwable error = catchThrowable(() -> new ObjectStreamer(io, chunks, new ChunkLeases()).regions()
                    .send(record(ref, SIZE), 0, SIZE - 1, UnpooledByteBufAllocator.DEFAULT,
                            messages -> messages.doOnNext(sent::add).then())
                    .block());

            assertThat(reactor.core.Exceptions.unwrap(error)).isInstanceOf(ChunkCorruptedException.class);
            assertThat(sent).hasSize(1); // the first region, whose sixteen blocks are good
            assertThat(bytesOf(sent)).isEqualTo(Arrays.copyOf(payload, 16 * BLOCK));
            assertThat(Files.exists(dir.resolve("store/quarantine").resolve(ref.id().value()))).isTrue();
            sent.forEach(m -> ((FileRegion) m).release());
        }
    }

    @Test
    void onlyPlainChunkedRangesOfWholeBlocksAreServed() {
        ObjectRecord chunked = record(new ChunkRef(new dev.coffer.storage.ChunkId("00".repeat(16)), SIZE), SIZE);
        assertThat(VerifiedRegions.serves(chunked, null, 0, SIZE - 1)).isTrue();
        assertThat(VerifiedRegions.serves(chunked, null, BLOCK, 2L * BLOCK - 1)).isTrue();
        assertThat(VerifiedRegions.serves(chunked, null, BLOCK, SIZE - 1)).isTrue();
        assertThat(VerifiedRegions.serves(chunked, null, 1, SIZE - 1)).as("starts inside a block").isFalse();
        assertThat(VerifiedRegions.serves(chunked, null, 0, BLOCK)).as("ends inside a block").isFalse();
        assertThat(VerifiedRegions.serves(chunked, DataKey.generate(), 0, SIZE - 1)).as("encrypted").isFalse();
    }

    private static ObjectRecord record(ChunkRef ref, long size) {
        return ObjectRecord.ofBody(size, "e", 1, Map.of(), Map.of(), Map.of(), null,
                List.of(new ChunkPointer(ref.id().value(), ref.length())));
    }

    private static ChunkRef write(ChunkStore chunks, byte[] payload) throws IOException {
        try (ChunkWriter writer = chunks.newWriter()) {
            writer.write(ByteBuffer.wrap(payload));
            return writer.finish().get(0);
        }
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(23).nextBytes(bytes);
        return bytes;
    }

    /** What the kernel would send of these regions, in order. */
    private static byte[] bytesOf(List<Object> regions) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WritableByteChannel target = Channels.newChannel(out);
        for (Object m : regions) {
            FileRegion region = (FileRegion) m;
            while (region.transferred() < region.count()) region.transferTo(target, region.transferred());
        }
        return out.toByteArray();
    }

    /** This process's open file descriptors on a file whose path names the chunk. */
    private static long openFilesNaming(String chunkId) throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().contains(chunkId);
                } catch (IOException gone) {
                    return false;
                }
            }).count();
        }
    }
}

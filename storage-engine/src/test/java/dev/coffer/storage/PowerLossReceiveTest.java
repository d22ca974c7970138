package dev.coffer.storage;

import static dev.coffer.storage.PowerCuts.*;
import static dev.coffer.storage.TestChunks.*;
import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replica received from a peer (a cluster's chunk transfer) under a power cut at every
 * durability call: once {@code receive} returned, the sender counts the replica as durable, so
 * it must survive; before, only a whole chunk or nothing is left.
 */
class PowerLossReceiveTest {
    @TempDir Path dir;

    private byte[] fileOf(byte[] payload, String name) throws IOException {
        try (ChunkStore source = ChunkStore.open(dir.resolve(name), MIB)) {
            ChunkRef ref;
            try (ChunkWriter writer = source.newWriter()) {
                writer.write(ByteBuffer.wrap(payload));
                ref = writer.finish().get(0);
            }
            try (FileChannel channel = source.openFile(ref.id())) {
                ByteBuffer all = ByteBuffer.allocate((int) channel.size());
                FileIo.readFully(channel, all, 0);
                return all.array();
            }
        }
    }

    @Test
    void aReceivedReplicaSurvivesOnceReceiveReturned() throws IOException {
        byte[] sized = randomBytes(3 * BLOCK + 17, 31);
        byte[] streamed = randomBytes(BLOCK + 1, 32); // sent while it was written: size -1
        byte[] sizedFile = fileOf(sized, "source-1");
        byte[] streamedFile = fileOf(streamed, "source-2");
        ChunkId first = ChunkId.random();
        ChunkId second = ChunkId.random();
        int calls = everyCut(dir, "receive", MIB, (store, acked) -> {
            store.receive(first, new ByteArrayInputStream(sizedFile), sizedFile.length);
            acked.add(List.of(new ChunkRef(first, sized.length)));
            store.receive(second, new ByteArrayInputStream(streamedFile), -1);
            acked.add(List.of(new ChunkRef(second, streamed.length)));
        }, (store, acked, at) -> {
            onlyWholeChunksAndEveryAcknowledgedOne(store, null, List.of(sized, streamed), acked, at);
            if (!acked.isEmpty()) assertArrayEquals(sized, readAll(store, acked.get(0)), at);
        });
        // per replica: force, rename, directory fsync; the first use of a prefix fsyncs chunks/ too
        assertAtLeast(2 * 3, calls, "two replicas received");
    }

    /**
     * A sender that timed out sends the chunk again while the first transfer is still running:
     * the first has renamed the file in but not yet fsynced the directory when the second finds
     * it published. The second is acknowledged, so the name must be durable before it returns.
     */
    @Test
    void aSecondTransferOfAChunkReturnsOnlyOnceItsNameIsDurable() throws IOException {
        byte[] payload = randomBytes(2 * BLOCK + 5, 33);
        byte[] file = fileOf(payload, "source");
        ChunkId id = ChunkId.random();
        Path root = dir.resolve("replica");
        PowerLossOps model = new PowerLossOps(root);
        AtomicReference<ChunkStore> opened = new AtomicReference<>();
        AtomicBoolean secondReturned = new AtomicBoolean();
        DurabilityOps ops = new DurabilityOps() {
            @Override
            public void force(FileChannel channel, Path path) throws IOException {
                model.force(channel, path);
            }

            @Override
            public void atomicMove(Path from, Path to) throws IOException {
                model.atomicMove(from, to);
                if (to.equals(chunkFile(root, id).toAbsolutePath()) && !secondReturned.get()) {
                    opened.get().receive(id, new ByteArrayInputStream(file), file.length);
                    secondReturned.set(true);
                    model.cutPowerAfter(0); // before the first transfer's directory fsync
                }
            }

            @Override
            public void fsyncDirectory(Path dir) throws IOException {
                model.fsyncDirectory(dir);
            }
        };
        try (ChunkStore store = ChunkStore.open(root, MIB, ops)) {
            opened.set(store);
            assertThrows(PowerLossOps.PowerCut.class, () -> store.receive(id, new ByteArrayInputStream(file), file.length));
        }
        assertTrue(secondReturned.get(), "the second transfer was acknowledged");
        model.powerLoss();

        try (ChunkStore store = ChunkStore.open(root, MIB)) {
            assertEquals(List.of(id), store.listChunks());
            assertArrayEquals(payload, readAll(store, List.of(new ChunkRef(id, payload.length))));
        }
    }
}

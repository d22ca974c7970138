package dev.coffer.storage;

import static dev.coffer.storage.PowerCuts.*;
import static dev.coffer.storage.TestChunks.*;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chunk writes of the api's write kinds under a power cut at every durability call
 * ({@link PowerCuts}): SSE-encrypted chunks written in the 256 KiB pieces of the api's
 * StagedWrites, and multipart parts written side by side and finished one at a time. After each
 * cut, every chunk left is a written one, whole, and every acknowledged write's chunks are there.
 * (Received replicas: {@link PowerLossReceiveTest}; the catalogue's side of each kind: the api's
 * power-loss tests.)
 */
class PowerLossWriteKindsTest {
    private static final int MAX_CHUNK = 2 * BLOCK;
    /** The api's StagedWrites.STAGE: a chunked body reaches the writer in pieces of this size. */
    private static final int STAGE = 256 * KIB;

    @TempDir Path dir;

    @Test
    void encryptedChunksWrittenInStagePiecesSurviveWholeOrNotAtAll() throws IOException {
        DataKey key = DataKey.generate();
        byte[] bytes = randomBytes(3 * STAGE + 5, 11);
        List<byte[]> payloads = slices(bytes, MAX_CHUNK);
        int calls = everyCut(dir, "sse", MAX_CHUNK, (store, acked) -> {
            ChunkWriter writer = store.newWriter(key); // abandoned on a cut, as by a dead process
            for (int at = 0; at < bytes.length; at += STAGE) {
                writer.write(ByteBuffer.wrap(bytes, at, Math.min(STAGE, bytes.length - at)));
            }
            acked.add(writer.finish());
        }, (store, acked, at) -> {
            onlyWholeChunksAndEveryAcknowledgedOne(store, key, payloads, acked, at);
            if (!acked.isEmpty()) assertArrayEquals(bytes, readAll(store, acked.get(0), key), at);
        });
        // 7 chunks: a force and a rename each, and at least one directory fsync
        assertAtLeast(7 + 7 + 1, calls, "an encrypted write of 7 chunks");
    }

    @Test
    void partsWrittenSideBySideKeepEveryFinishedPart() throws IOException {
        byte[][] parts = {randomBytes(MAX_CHUNK + 3, 21), randomBytes(BLOCK, 22), randomBytes(2 * MAX_CHUNK + BLOCK / 2, 23)};
        List<byte[]> payloads = new ArrayList<>();
        for (byte[] part : parts) payloads.addAll(slices(part, MAX_CHUNK));
        int calls = everyCut(dir, "parts", MAX_CHUNK, (store, acked) -> {
            List<ChunkWriter> writers = new ArrayList<>();
            for (int i = 0; i < parts.length; i++) writers.add(store.newWriter());
            int piece = 8 * KIB + 3; // Netty's pieces, interleaved among the parts
            for (int at = 0; at < 2 * MAX_CHUNK + BLOCK; at += piece) {
                for (int i = 0; i < parts.length; i++) {
                    if (at < parts[i].length) {
                        writers.get(i).write(ByteBuffer.wrap(parts[i], at, Math.min(piece, parts[i].length - at)));
                    }
                }
            }
            for (ChunkWriter writer : writers) acked.add(writer.finish());
        }, (store, acked, at) -> {
            onlyWholeChunksAndEveryAcknowledgedOne(store, null, payloads, acked, at);
            for (int i = 0; i < acked.size(); i++) assertArrayEquals(parts[i], readAll(store, acked.get(i)), at + ", part " + i);
        });
        // 2 + 1 + 3 chunks: a force and a rename each, and a directory fsync per part at least
        assertAtLeast(6 + 6 + 3, calls, "three parts of 6 chunks");
    }
}

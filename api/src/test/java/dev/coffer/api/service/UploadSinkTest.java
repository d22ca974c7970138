package dev.coffer.api.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.storage.ChunkStore;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A body given in pieces of any size is stored byte for byte with its MD5, inline or chunked. */
class UploadSinkTest {
    private static final int INLINE = 32 * 1024;
    /** Small chunks, so bodies cross chunk boundaries as well as stage buffers. */
    private static final int CHUNK = 300 * 1024;
    @TempDir
    Path dir;
    private ChunkStore store;
    private final Random random = new Random(23);

    @BeforeEach
    void open() throws Exception {
        store = ChunkStore.open(dir, CHUNK);
    }

    @AfterEach
    void close() throws Exception {
        store.close();
    }

    @Test
    void aDeclaredBodyAboveTheInlineThresholdIsChunkedWithItsMd5() throws Exception {
        for (int size : new int[] {INLINE + 1, StagedWrites.STAGE, StagedWrites.STAGE + 1, 3 * StagedWrites.STAGE + 777, CHUNK * 2 + 5}) {
            byte[] body = body(size);
            StoredBody stored = receive(body, true);
            assertThat(stored.inline()).isNull();
            assertThat(stored.size()).isEqualTo(size);
            assertThat(stored.md5()).isEqualTo(MessageDigest.getInstance("MD5").digest(body));
            assertThat(StoredBodies.read(store, stored)).isEqualTo(body);
        }
    }

    @Test
    void anUndeclaredBodyThatOutgrowsTheInlineThresholdKeepsItsHeadAndMd5() throws Exception {
        for (int size : new int[] {INLINE + 1, StagedWrites.STAGE - 3, 2 * StagedWrites.STAGE + INLINE, CHUNK + 1}) {
            byte[] body = body(size);
            StoredBody stored = receive(body, false);
            assertThat(stored.inline()).isNull();
            assertThat(stored.md5()).isEqualTo(MessageDigest.getInstance("MD5").digest(body));
            assertThat(StoredBodies.read(store, stored)).isEqualTo(body);
        }
    }

    @Test
    void smallBodiesStayInlineWhetherDeclaredOrNot() throws Exception {
        for (boolean declared : new boolean[] {true, false}) {
            for (int size : new int[] {0, 1, 8193, INLINE}) {
                byte[] body = body(size);
                StoredBody stored = receive(body, declared);
                assertThat(stored.chunks()).isEmpty();
                assertThat(stored.inline()).isEqualTo(body);
                assertThat(stored.md5()).isEqualTo(MessageDigest.getInstance("MD5").digest(body));
            }
        }
    }

    private byte[] body(int size) {
        byte[] body = new byte[size];
        random.nextBytes(body);
        return body;
    }

    /** Gives the body in random pieces of 1 byte to 70 KiB, direct buffers as Netty's are. */
    private StoredBody receive(byte[] body, boolean declared) throws Exception {
        UploadSink sink = new UploadSink(store, ChunkPlacement.local(store), INLINE,
                declared ? body.length : Long.MAX_VALUE, declared ? S3ErrorCode.IncompleteBody : S3ErrorCode.EntityTooLarge,
                new PayloadDecoder.Plain(null), null, null);
        int at = 0;
        while (at < body.length) {
            int n = Math.min(body.length - at, 1 + random.nextInt(70 * 1024));
            ByteBuffer piece = ByteBuffer.allocateDirect(n).put(body, at, n).flip();
            sink.accept(piece);
            at += n;
        }
        return sink.finish();
    }
}

package dev.coffer.api.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PipelinedMd5Test {

    @Test
    void digestIsTheMd5OfEveryByteInOrderWhateverTheMixOfNowAndLater() throws Exception {
        Random random = new Random(23);
        for (int round = 0; round < 20; round++) {
            MessageDigest expected = MessageDigest.getInstance("MD5");
            PipelinedMd5 md5 = new PipelinedMd5();
            int pieces = 1 + random.nextInt(200);
            int inlinePieces = random.nextInt(pieces);
            for (int i = 0; i < pieces; i++) {
                byte[] bytes = new byte[random.nextInt(70_000)];
                random.nextBytes(bytes);
                expected.update(bytes);
                ByteBuffer buffer = random.nextBoolean() ? ByteBuffer.wrap(bytes)
                        : ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
                if (i < inlinePieces) md5.updateNow(buffer);
                else md5.updateLater(buffer);
                assertEquals(bytes.length, buffer.remaining(), "the caller's position is left alone");
            }
            assertArrayEquals(expected.digest(), md5.digest());
        }
    }

    @Test
    void aReleaseRunsOnlyOnceTheBytesBeforeItAreHashedAndBytesStayReadUntilThen() throws Exception {
        PipelinedMd5 md5 = new PipelinedMd5();
        MessageDigest expected = MessageDigest.getInstance("MD5");
        AtomicInteger released = new AtomicInteger();
        Random random = new Random(5);
        for (int i = 0; i < 500; i++) {
            byte[] bytes = new byte[16 * 1024];
            random.nextBytes(bytes);
            expected.update(bytes);
            ByteBuffer buffer = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
            md5.updateLater(buffer);
            // "Releasing" scribbles over the buffer: if it ran before the hash read it, the digest would differ.
            md5.afterHashed(() -> {
                for (int j = 0; j < buffer.capacity(); j++) buffer.put(j, (byte) 0);
                released.incrementAndGet();
            });
        }
        assertArrayEquals(expected.digest(), md5.digest());
        assertEquals(500, released.get());
    }
}

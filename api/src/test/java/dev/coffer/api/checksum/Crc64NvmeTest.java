package dev.coffer.api.checksum;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * CRC-64/NVME against the NVMe specification's check value and the vectors of AWS's
 * aws-checksums tests (the AWS SDK computes CRC64NVME only through the native CRT, which is not on
 * this classpath), and against a bit-at-a-time reference over every buffer shape.
 */
class Crc64NvmeTest {

    private static long crc(byte[] data) {
        Crc64Nvme c = new Crc64Nvme();
        c.update(data, 0, data.length);
        return c.getValue();
    }

    /** The textbook bitwise form of the same CRC, independent of the slicing tables. */
    private static long reference(byte[] data) {
        long c = -1L;
        for (byte b : data) {
            c ^= b & 0xFF;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? (c >>> 1) ^ 0x9A6C9329AC4BC9B5L : c >>> 1;
        }
        return ~c;
    }

    private static byte[] random(int length, long seed) {
        byte[] data = new byte[length];
        new Random(seed).nextBytes(data);
        return data;
    }

    @Test
    void checkValueOf123456789() {
        assertThat(crc("123456789".getBytes(StandardCharsets.US_ASCII))).isEqualTo(0xAE8B14860A799888L);
    }

    @Test
    void emptyInputIsZero() {
        assertThat(crc(new byte[0])).isZero();
        assertThat(new Crc64Nvme().getValue()).isZero();
    }

    @Test
    void awsChecksumsVectors() {
        byte[] sequence = new byte[32];
        for (int i = 0; i < 32; i++) sequence[i] = (byte) i;
        byte[] ones = new byte[32];
        Arrays.fill(ones, (byte) 0xFF);

        assertThat(crc(new byte[32])).isEqualTo(0xCF3473434D4ECF3BL);
        assertThat(crc(sequence)).isEqualTo(0xB9D9D4A8492CBD7FL);
        assertThat(crc(ones)).isEqualTo(0xA0A06974C34D63C4L);
        assertThat(crc(new byte[1024])).isEqualTo(0x691BB2B09BE5498AL);
        assertThat(crc("hello world!".getBytes(StandardCharsets.US_ASCII))).isEqualTo(0xD9160D1FA8E418E3L);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 8, 9, 15, 16, 17, 63, 64, 65, 1000, 65_537})
    void slicingMatchesTheBitwiseReference(int length) {
        byte[] data = random(length, length);
        assertThat(crc(data)).isEqualTo(reference(data));
    }

    @Test
    void byteByByteGivesTheSameValue() {
        byte[] data = random(1001, 1);
        Crc64Nvme c = new Crc64Nvme();
        for (byte b : data) c.update(b);

        assertThat(c.getValue()).isEqualTo(crc(data));
    }

    @Test
    void splitAtEveryOffsetGivesTheSameValue() {
        byte[] data = random(40, 2);
        long whole = crc(data);
        for (int split = 0; split <= data.length; split++) {
            Crc64Nvme c = new Crc64Nvme();
            c.update(data, 0, split);
            c.update(data, split, data.length - split);
            assertThat(c.getValue()).as("split at %d", split).isEqualTo(whole);
        }
    }

    @Test
    void heapAndDirectBuffersGiveTheSameValue() {
        byte[] data = random(4099, 3);
        ByteBuffer direct = ByteBuffer.allocateDirect(data.length).put(data).flip();
        Crc64Nvme c = new Crc64Nvme();
        c.update(direct);

        assertThat(c.getValue()).isEqualTo(crc(data));
    }

    @Test
    void byteOrderOfTheBufferDoesNotMatter() {
        byte[] data = random(257, 4);
        Crc64Nvme big = new Crc64Nvme();
        big.update(ByteBuffer.wrap(data).order(ByteOrder.BIG_ENDIAN));
        Crc64Nvme little = new Crc64Nvme();
        little.update(ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN));

        assertThat(big.getValue()).isEqualTo(crc(data)).isEqualTo(little.getValue());
    }

    @Test
    void unalignedSlicesOfHeapAndDirectBuffersGiveTheSameValue() {
        byte[] data = random(1024, 5);
        ByteBuffer direct = ByteBuffer.allocateDirect(data.length).put(data).flip();
        for (int offset = 1; offset < 9; offset++) {
            int length = 1000 - offset;
            long expected = reference(Arrays.copyOfRange(data, offset, offset + length));

            Crc64Nvme heap = new Crc64Nvme();
            heap.update(ByteBuffer.wrap(data, offset, length));
            Crc64Nvme sliced = new Crc64Nvme();
            sliced.update(direct.duplicate().position(offset).limit(offset + length).slice());
            Crc64Nvme array = new Crc64Nvme();
            array.update(data, offset, length);

            assertThat(heap.getValue()).as("heap offset %d", offset).isEqualTo(expected);
            assertThat(sliced.getValue()).as("direct offset %d", offset).isEqualTo(expected);
            assertThat(array.getValue()).as("array offset %d", offset).isEqualTo(expected);
        }
    }

    @Test
    void updateConsumesTheBufferAndKeepsItsByteOrder() {
        ByteBuffer buffer = ByteBuffer.wrap(random(20, 6)).position(3);
        new Crc64Nvme().update(buffer);

        assertThat(buffer.position()).isEqualTo(20);
        assertThat(buffer.order()).isEqualTo(ByteOrder.BIG_ENDIAN);
    }

    @Test
    void resetStartsOver() {
        Crc64Nvme c = new Crc64Nvme();
        c.update(random(100, 7));
        c.reset();
        c.update("123456789".getBytes(StandardCharsets.US_ASCII));

        assertThat(c.getValue()).isEqualTo(0xAE8B14860A799888L);
    }
}

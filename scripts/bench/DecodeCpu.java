package dev.coffer.auth;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/**
 * CPU seconds per GB of what the server does to each byte of an uploaded part, on one thread: the aws-chunked
 * decoder (signed chunks with a trailer, as the AWS SDK for Java v2 sends a part over HTTP), fed a 16 MiB part
 * in direct-buffer pieces as Netty hands them on, beside the bare digests over the same pieces (SHA-256, MD5,
 * CRC32, CRC32C). Thread CPU time (ThreadMXBean), median and minimum of the repetitions, and bytes allocated
 * per part. Used by scripts/bench-decode-cpu.sh.
 * Usage: DecodeCpu chunk-size piece-size repetitions [modes, comma-separated]
 */
public class DecodeCpu {
    public static void main(String[] a) throws Exception {
        int chunk = Integer.parseInt(a[0]), piece = Integer.parseInt(a[1]), reps = Integer.parseInt(a[2]);
        String modes = a.length > 3 ? a[3] : "decoder,sha256,md5,crc32,crc32c,decoder,sha256,md5,crc32,crc32c";
        byte[] data = new byte[16 << 20];
        new Random(1).nextBytes(data);
        StreamingContext ctx = new StreamingContext(new byte[32], "20130524T000000Z",
                "20130524/us-east-1/s3/aws4_request", "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9");
        byte[] body = ChunkedBodies.encode(ctx, data, chunk, Map.of("x-amz-checksum-crc32", "AAAAAA=="));
        ByteBuffer direct = ByteBuffer.allocateDirect(body.length).put(body).flip();
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().getId();
        for (String mode : modes.split(",")) {
            long[] cpu = new long[reps];
            long allocated = threads.getThreadAllocatedBytes(self);
            for (int r = 0; r < reps; r++) {
                long c0 = threads.getCurrentThreadCpuTime();
                run(mode, ctx, direct, piece);
                cpu[r] = threads.getCurrentThreadCpuTime() - c0;
            }
            allocated = threads.getThreadAllocatedBytes(self) - allocated;
            Arrays.sort(cpu);
            System.out.printf("%-8s chunk %d piece %d: %.3f CPU-s/GB median, %.3f min, %d bytes allocated per part%n",
                    mode, chunk, piece, cpu[reps / 2] / (double) body.length, cpu[0] / (double) body.length,
                    allocated / reps);
        }
    }

    private static void run(String mode, StreamingContext ctx, ByteBuffer body, int piece) throws Exception {
        AwsChunkedDecoder decoder = mode.equals("decoder") ? new AwsChunkedDecoder(new PayloadMode.Streaming(ctx, true)) : null;
        MessageDigest digest = mode.equals("sha256") ? MessageDigest.getInstance("SHA-256")
                : mode.equals("md5") ? MessageDigest.getInstance("MD5") : null;
        Checksum crc = mode.equals("crc32") ? new CRC32() : mode.equals("crc32c") ? new CRC32C() : null;
        for (int off = 0; off < body.limit(); off += piece) {
            ByteBuffer in = body.slice(off, Math.min(piece, body.limit() - off));
            if (decoder != null) decoder.feed(in, b -> { });
            else if (digest != null) digest.update(in);
            else crc.update(in);
        }
        if (decoder != null) decoder.finish();
        else if (digest != null) digest.digest();
        else crc.getValue();
    }
}

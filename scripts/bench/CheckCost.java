import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * What checking a cached file's bytes costs one thread, in CPU µs per MiB (after warm-up rounds): CRC32C over a
 * direct buffer; positional reads into it (the page cache copy); both (what PlainChunkFile.verify does per region:
 * read, then check); and the file mapped, checked and unmapped at once (the copy avoided, the mapping paid).
 * docs/benchmarks.md, "GET 1 MiB, sixth pass".
 * Usage: java scripts/bench/CheckCost.java FILE [buffer-bytes=262144] [rounds=6]
 */
public class CheckCost {
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 256 * 1024;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 6;
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
        f.setAccessible(true);
        sun.misc.Unsafe unsafe = (sun.misc.Unsafe) f.get(null); // invokeCleaner: unmaps at once, not at a GC
        long length = Files.size(file);
        ByteBuffer buffer = ByteBuffer.allocateDirect(size);
        CRC32C crc = new CRC32C();
        long sink = 0;
        try (FileChannel channel = FileChannel.open(file)) {
            for (int round = 0; round < rounds; round++) {
                int iterations = 2000;
                long t0 = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < iterations; i++) {
                    for (long p = 0; p < length; p += size) sink += check(crc, buffer.clear());
                }
                long t1 = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < iterations; i++) {
                    for (long p = 0; p < length; p += size) read(channel, buffer, p);
                }
                long t2 = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < iterations; i++) {
                    for (long p = 0; p < length; p += size) sink += check(crc, read(channel, buffer, p).flip());
                }
                long t3 = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < iterations; i++) {
                    MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, length);
                    sink += check(crc, mapped);
                    unsafe.invokeCleaner(mapped);
                }
                long t4 = threads.getCurrentThreadCpuTime();
                double mib = iterations * (length / 1048576.0);
                System.out.printf("buffer %d KiB: crc32c %.0f, pread %.0f, pread + crc32c %.0f, mmap + crc32c + munmap %.0f"
                        + " us per MiB%s%n", size / 1024, (t1 - t0) / 1e3 / mib, (t2 - t1) / 1e3 / mib,
                        (t3 - t2) / 1e3 / mib, (t4 - t3) / 1e3 / mib, round == 0 ? " (warm-up)" : "");
            }
        }
        if (sink == 42) System.out.println();
    }

    private static long check(CRC32C crc, ByteBuffer bytes) {
        crc.reset();
        crc.update(bytes);
        return crc.getValue();
    }

    private static ByteBuffer read(FileChannel channel, ByteBuffer buffer, long position) throws Exception {
        buffer.clear();
        while (buffer.hasRemaining()) channel.read(buffer, position + buffer.position());
        return buffer;
    }
}

import java.lang.management.*;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.*;
import java.util.concurrent.*;
import static java.nio.file.StandardOpenOption.*;

/**
 * The kernel's cost of writing chunk-like files alone: FILES files of FILE_MIB in WRITE_KIB writes from one direct
 * buffer, on one thread, as TempChunk writes them (MODE wb: an fdatasync every 8 MiB on another thread; force: force(true)
 * at the end; wbforce: both; plain: neither); two rounds, the second printed with the writer thread's CPU (and its
 * kernel part) and the process's per GB. FRESH=1 gives every file a new name, none deleted until the end.
 * Usage: java scripts/bench/WriteCost.java DIR FILES FILE_MIB WRITE_KIB MODE   (DIR is emptied at the end)
 */
public class WriteCost {
    public static void main(String[] a) throws Exception {
        Path dir = Path.of(a[0]); int files = Integer.parseInt(a[1]); long fileBytes = Long.parseLong(a[2]) << 20;
        int w = Integer.parseInt(a[3]) << 10; String mode = a[4];
        ByteBuffer buf = ByteBuffer.allocateDirect(w);
        java.util.Random r = new java.util.Random(1); byte[] b = new byte[w]; r.nextBytes(b); buf.put(b).flip();
        ThreadMXBean tm = ManagementFactory.getThreadMXBean();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ExecutorService wbPool = Executors.newCachedThreadPool();
        for (int round = 0; round < 2; round++) {
            long c0 = tm.getCurrentThreadCpuTime(), u0 = tm.getCurrentThreadUserTime(), p0 = os.getProcessCpuTime(), t0 = System.nanoTime();
            for (int f = 0; f < files; f++) {
                Path p = dir.resolve(System.getenv().getOrDefault("FRESH", "").isEmpty() ? "f" + f : "f" + round + "_" + f + "_" + System.nanoTime());
                Files.deleteIfExists(p);
                try (FileChannel ch = FileChannel.open(p, CREATE_NEW, WRITE)) {
                    long unsynced = 0; Future<?> wb = null;
                    for (long done = 0; done < fileBytes; done += w) {
                        ByteBuffer d = buf.duplicate();
                        while (d.hasRemaining()) ch.write(d);
                        unsynced += w;
                        if (mode.startsWith("wb") && unsynced >= (8 << 20) && (wb == null || wb.isDone())) {
                            if (wb != null) wb.get();
                            unsynced = 0;
                            wb = wbPool.submit(() -> { ch.force(false); return null; });
                        }
                    }
                    if (wb != null) wb.get();
                    if (mode.endsWith("force")) ch.force(true);
                }
            }
            double gb = files * fileBytes / 1e9;
            long c = tm.getCurrentThreadCpuTime() - c0, u = tm.getCurrentThreadUserTime() - u0, p = os.getProcessCpuTime() - p0;
            System.out.printf("%s w=%dK round %d: writer %.3f s/GB (sys %.3f), process %.3f s/GB, %.0f MB/s%n", mode, w >> 10, round,
                c / 1e9 / gb, (c - u) / 1e9 / gb, p / 1e9 / gb, gb * 1000 / ((System.nanoTime() - t0) / 1e9));
        }
        wbPool.shutdown();
        try (var s = Files.list(dir)) { for (Path p : (Iterable<Path>) s::iterator) Files.delete(p); }
    }
}

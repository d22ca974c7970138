import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Random;

/**
 * MD5 over 1 GiB in 256 KiB updates (the stage buffer's size) on one thread, after a warm-up: wall and
 * thread-CPU MB/s, the ceiling of one upload's MD5 (docs/benchmarks.md, "Uploads, fifth pass").
 * Usage: java scripts/bench/Md5Ceiling.java [rounds=5] [direct|heap]
 */
public class Md5Ceiling {
    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args.length > 0 ? args[0] : "5");
        boolean direct = args.length > 1 && args[1].equals("direct");
        ByteBuffer buf = direct ? ByteBuffer.allocateDirect(256 << 10) : ByteBuffer.allocate(256 << 10);
        byte[] fill = new byte[256 << 10];
        new Random(1).nextBytes(fill);
        buf.put(fill).flip();
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int w = 0; w < 2000; w++) { MessageDigest.getInstance("MD5").update(buf.duplicate()); } // C2 warm-up
        for (int r = 0; r < rounds; r++) {
            MessageDigest md = MessageDigest.getInstance("MD5");
            long c0 = mx.getCurrentThreadCpuTime(), t0 = System.nanoTime();
            for (int i = 0; i < 4096; i++) md.update(buf.duplicate()); // 4096 x 256 KiB = 1 GiB
            md.digest();
            long c1 = mx.getCurrentThreadCpuTime(), t1 = System.nanoTime();
            double gb = (1L << 30) / 1e6;
            System.out.printf("%s round %d: wall %.0f MB/s, thread CPU %.0f MB/s (%.2f s CPU per GiB)%n",
                direct ? "direct" : "heap", r, gb / ((t1 - t0) / 1e9), gb / ((c1 - c0) / 1e9), (c1 - c0) / 1e9);
        }
    }
}

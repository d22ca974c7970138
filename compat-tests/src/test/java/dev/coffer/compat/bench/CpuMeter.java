package dev.coffer.compat.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time spent on a fixed amount of work, for benchmarks on a shared machine where wall time
 * mostly measures the neighbours: the server's (utime + stime of its whole process, from
 * /proc/PID/stat, in clock ticks of 10 ms), and the client's: the calling thread's own and its
 * whole process's (/proc/self/stat: the JIT and GC that the client's work causes).
 */
final class CpuMeter {
    static final CpuMeter NONE = new CpuMeter(-1);
    private static final double TICK_MICROS = 10_000; // USER_HZ is 100 on Linux
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final long serverPid;

    CpuMeter(long serverPid) {
        this.serverPid = serverPid;
    }

    Mark mark() {
        return new Mark(serverTicks(), THREADS.getCurrentThreadCpuTime(), ticks("self"));
    }

    /** Where the work began; {@link #perPage} says what it cost. */
    final class Mark {
        private final long ticks;
        private final long clientNanos;
        private final long clientTicks;

        private Mark(long ticks, long clientNanos, long clientTicks) {
            this.ticks = ticks;
            this.clientNanos = clientNanos;
            this.clientTicks = clientTicks;
        }

        /** "", or the server's, the client thread's and the client process's CPU per page since the mark, in µs. */
        String perPage(int pages) {
            if (serverPid < 0) return "";
            double server = (serverTicks() - ticks) * TICK_MICROS / pages;
            double client = (THREADS.getCurrentThreadCpuTime() - clientNanos) / 1e3 / pages;
            double process = (ticks("self") - clientTicks) * TICK_MICROS / pages;
            return String.format("  server CPU %,6.0f us/page  client CPU %,6.0f us/page  client process %,6.0f us/page",
                    server, client, process);
        }
    }

    private long serverTicks() {
        return serverPid < 0 ? 0 : ticks(Long.toString(serverPid));
    }

    private static long ticks(String pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // The command name may hold spaces; fields count from after its closing parenthesis.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14, 15)
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

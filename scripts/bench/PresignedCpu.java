package dev.coffer.auth;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CPU and allocation per check of one presigned SigV4 GET (as boto3 presigns it), through the
 * server's entry point {@link RequestAuthenticator#authenticateIfSigned}: query parse, canonical
 * request, string to sign, HMAC. One thread, thread CPU time (ThreadMXBean) and bytes allocated;
 * median and minimum over the rounds. Used by scripts/bench-presigned-cpu.sh.
 * Usage: PresignedCpu url access-key secret calls-per-round rounds
 */
public class PresignedCpu {
    public static void main(String[] a) throws Exception {
        URI url = URI.create(a[0]);
        int calls = Integer.parseInt(a[3]), rounds = Integer.parseInt(a[4]);
        String date = url.getRawQuery().replaceAll(".*X-Amz-Date=([0-9TZ]+).*", "$1");
        Instant signed = Instant.parse(date.substring(0, 4) + "-" + date.substring(4, 6) + "-" + date.substring(6, 11)
                + ":" + date.substring(11, 13) + ":" + date.substring(13));
        RequestAuthenticator auth = new RequestAuthenticator(key -> key.equals(a[1]) ? Optional.of(a[2]) : Optional.empty(),
                Clock.fixed(signed.plusSeconds(60), ZoneOffset.UTC));
        SignedRequest request = new SignedRequest("GET", url.getRawPath(), url.getRawQuery(),
                Map.of("host", List.of(url.getRawAuthority()), "user-agent", List.of("wrk"), "accept", List.of("*/*")));
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().getId();
        long[] cpu = new long[rounds];
        long[] bytes = new long[rounds];
        for (int w = 0; w < 3; w++) check(auth, request, calls); // warm-up: let the JIT compile the path
        for (int r = 0; r < rounds; r++) {
            long b0 = threads.getThreadAllocatedBytes(self), c0 = threads.getCurrentThreadCpuTime();
            check(auth, request, calls);
            cpu[r] = threads.getCurrentThreadCpuTime() - c0;
            bytes[r] = threads.getThreadAllocatedBytes(self) - b0;
        }
        Arrays.sort(cpu);
        Arrays.sort(bytes);
        System.out.printf("presigned GET check: %.2f µs CPU median, %.2f min; %d bytes allocated median (%d x %d calls)%n",
                cpu[rounds / 2] / 1e3 / calls, cpu[0] / 1e3 / calls, bytes[rounds / 2] / calls, rounds, calls);
    }

    private static void check(RequestAuthenticator auth, SignedRequest request, int calls) throws AuthException {
        for (int i = 0; i < calls; i++) {
            if (auth.authenticateIfSigned(request, null).isEmpty()) throw new IllegalStateException("not signed");
        }
    }
}

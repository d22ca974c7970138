package dev.coffer.compat.cluster;

import dev.coffer.compat.ops.NginxProcess;
import dev.coffer.compat.support.AwsCli;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The whole kill test, too long for {@code mvn verify} (scripts/cluster-kill-run.sh runs
 * it): three nodes (scripts/cluster-local.sh) behind docker/nginx-cluster.conf on Debian's nginx;
 * the aws CLI and the SDK at their defaults write objects of the given sizes through nginx; the
 * leader dies by kill -9 while an object of the largest size is being written, and is restarted;
 * then a follower, the same way. Afterwards every acknowledged object is read back through nginx
 * and its SHA-256 compared, and the run waits until every node's replica backlog is 0 and every
 * chunk file is on all three nodes (R = 3; the orphans of writes that failed are swept once older
 * than the sweep's minimum age). Prints a summary; exits 1 if a byte was lost or it did not heal.
 */
final class ClusterKillRun {
    private static final String BUCKET = "kill-run";
    /**
     * Re-replication and audit passes every 5 s (the first one 10 s after a start: the default
     * gc-interval); orphans (the chunks of writes that failed) swept once older than 5 minutes.
     */
    private static final String SETTINGS = "--coffer.cluster.repair-interval=5s "
            + "--coffer.jobs.sweep-interval=1m --coffer.jobs.sweep-min-age=5m";
    private static final long WAIT_SECONDS = 1800;
    private static final Pattern STATUS = Pattern.compile("\"(\\S+) [^\"]*\" (\\d{3}) ");

    private final long start = System.nanoTime();
    private final List<String> events = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        long[] sizes = Arrays.stream(args.length > 0 ? args : new String[] {"1K", "1M", "64M", "1G"})
                .mapToLong(ClusterKillRun::size).toArray();
        System.exit(new ClusterKillRun().run(sizes) ? 0 : 1);
    }

    private boolean run(long[] sizes) throws Exception {
        long largest = Arrays.stream(sizes).max().orElseThrow();
        Path work = Files.createTempDirectory("coffer-kill-run-");
        // Two writers, a few rounds of the sizes each, every byte on three nodes, plus the upload files.
        long need = 24 * largest + (2L << 30);
        if (Files.getFileStore(work).getUsableSpace() < need) {
            throw new IllegalStateException("needs about " + (need >> 20) + " MiB free under " + work);
        }
        NginxProcess.binary();
        AwsCli.require();
        try (LocalCluster cluster = LocalCluster.up(3, SETTINGS)) {
            NginxProcess nginx = NginxProcess.startCluster(cluster.endpoints.stream().map(URI::getPort).toList());
            try (nginx; S3Client s3 = ClusterWriters.sdk(URI.create("http://127.0.0.1:" + nginx.port()))) {
                s3.createBucket(r -> r.bucket(BUCKET));
                event("cluster up, leader n" + cluster.leader());
                ClusterWriters writers = new ClusterWriters(URI.create("http://127.0.0.1:" + nginx.port()), work, BUCKET, sizes);
                long healFrom;
                try (writers) {
                    writers.start(1);
                    killDuringALargeWrite(cluster, writers, largest, cluster.leader(), "leader");
                    int leader = cluster.leader();
                    killDuringALargeWrite(cluster, writers, largest, leader == 1 ? 2 : 1, "follower (leader n" + leader + ")");
                    healFrom = System.nanoTime();
                    writers.stop(WAIT_SECONDS);
                    event("writers stopped");
                }
                long verified = 0;
                long lost = 0;
                List<String> wrong = new ArrayList<>();
                for (ClusterWriters.Ack ack : writers.acknowledged()) {
                    String problem = writers.verify(s3, ack);
                    if (problem == null) {
                        verified += ack.size();
                    } else {
                        lost += ack.size();
                        wrong.add(ack.key() + " (" + ack.size() + " bytes): " + problem);
                    }
                }
                event("read back " + writers.acknowledged().size() + " objects through nginx");
                double backlogSeconds = await(() -> backlogsZero(cluster), "every node's replica backlog 0", healFrom);
                double chunkSeconds = await(() -> sameChunks(cluster), "every chunk file on all three nodes", healFrom);
                summary(writers, nginx, verified, lost, wrong, backlogSeconds, chunkSeconds, cluster);
                return lost == 0 && wrong.isEmpty() && backlogSeconds >= 0 && chunkSeconds >= 0;
            }
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Waits until a write of {@code largest} bytes is under way, kills {@code node}, waits for two more acknowledgements, restarts it. */
    private void killDuringALargeWrite(LocalCluster cluster, ClusterWriters writers, long largest, int node, String role)
            throws Exception {
        require(await(() -> writers.writing(largest), "a write of " + largest + " bytes under way", 0));
        Thread.sleep(3000); // well into it: a 1 GiB write takes tens of seconds here
        int before = writers.acknowledged().size();
        cluster.killNine(node);
        event("kill -9 of n" + node + ", the " + role + "; " + before + " acknowledged so far");
        require(await(() -> writers.acknowledged().size() >= before + 2, "two more acknowledged writes after the kill", 0));
        event("two more writes acknowledged with n" + node + " down");
        cluster.restart(node);
        event("n" + node + " restarted; leader n" + cluster.leader());
    }

    private static void require(double waited) {
        if (waited < 0) throw new IllegalStateException("the run cannot go on (above: what it waited for)");
    }

    /** Every node's backlog 0, and still 0 after two more passes (12 s at 5 s passes). */
    private static boolean backlogsZero(LocalCluster cluster) {
        for (int check = 0; check < 2; check++) {
            for (int n = 1; n <= 3; n++) {
                if (cluster.replicaBacklog(n) != 0) return false;
            }
            if (check == 0) sleep(12_000);
        }
        return true;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean sameChunks(LocalCluster cluster) {
        try {
            Set<String> first = cluster.chunkIds(1);
            return first.equals(cluster.chunkIds(2)) && first.equals(cluster.chunkIds(3));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** Polls every 2 s, at most {@link #WAIT_SECONDS}; the seconds from {@code since} (a nanoTime) until it held, or -1 if it never did. */
    private double await(BooleanSupplier done, String what, long since) throws Exception {
        for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS); System.nanoTime() < end; Thread.sleep(2000)) {
            if (done.getAsBoolean()) return (System.nanoTime() - since) / 1e9;
        }
        event("NOT within " + WAIT_SECONDS + " s: " + what);
        return -1;
    }

    private void event(String what) throws java.io.IOException {
        String line = String.format("%7.1f s  load %s  %s", (System.nanoTime() - start) / 1e9, load(), what);
        events.add(line);
        System.out.println(line);
    }

    private static String load() throws java.io.IOException {
        String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return f[0] + " " + f[1] + " " + f[2];
    }

    private void summary(ClusterWriters writers, NginxProcess nginx, long verified, long lost, List<String> wrong,
            double backlogSeconds, double chunkSeconds, LocalCluster cluster) throws Exception {
        Map<String, long[]> byClient = new TreeMap<>();
        for (ClusterWriters.Ack a : writers.acknowledged()) {
            long[] c = byClient.computeIfAbsent(a.client() + " " + a.size(), k -> new long[1]);
            c[0]++;
        }
        Map<String, Long> answers = new TreeMap<>();
        for (String line : nginx.output().lines().toList()) {
            Matcher m = STATUS.matcher(line);
            if (m.find() && !m.group(2).startsWith("2")) answers.merge(m.group(1) + " " + m.group(2), 1L, Long::sum);
            if (line.contains("[error]") && line.contains("while connecting to upstream")) answers.merge("(nginx: connect failed, sent to another node)", 1L, Long::sum);
        }
        Set<String> all = new HashSet<>();
        for (int n = 1; n <= 3; n++) all.addAll(cluster.chunkIds(n));
        System.out.println("==== cluster kill run, " + Instant.now() + ", load " + load());
        events.forEach(e -> System.out.println("  " + e));
        System.out.println("acknowledged writes: " + writers.acknowledged().size() + " (client size: count)");
        byClient.forEach((k, v) -> System.out.println("  " + k + ": " + v[0]));
        System.out.println("writes failed after the clients' retries (not acknowledged), by code: " + writers.failures());
        System.out.println("answers through nginx that were not 2xx (retried by the clients or failed), by method and status: " + answers);
        System.out.println("bytes verified (SHA-256 through nginx): " + verified);
        System.out.println("bytes lost: " + lost);
        wrong.forEach(w -> System.out.println("  LOST " + w));
        System.out.printf("time to heal, from the follower's restart: every backlog 0 after %.0f s, "
                + "every chunk file on all three nodes after %.0f s (%d chunk files each)%n", backlogSeconds, chunkSeconds, all.size());
    }

    /** 1K, 1M, 64M, 1G or a number of bytes. */
    private static long size(String s) {
        char unit = Character.toUpperCase(s.charAt(s.length() - 1));
        int shift = switch (unit) {
            case 'K' -> 10;
            case 'M' -> 20;
            case 'G' -> 30;
            default -> 0;
        };
        return Long.parseLong(shift == 0 ? s : s.substring(0, s.length() - 1)) << shift;
    }
}

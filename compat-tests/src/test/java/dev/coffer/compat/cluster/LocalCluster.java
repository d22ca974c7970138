package dev.coffer.compat.cluster;

import dev.coffer.compat.support.Tools;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A cluster of real Coffer processes on loopback, started and stopped by {@code
 * scripts/cluster-local.sh}, as an operator would. Node {@code i} (from 1) is {@code
 * DIR/node-<i>}; its PID is in {@code coffer.pid} there. An IT class holds one as a JUnit extension
 * ({@link #perClass}, or {@link #SHARED} for the classes that can share one); a run of several
 * clusters starts each with {@link #up}.
 */
final class LocalCluster implements AutoCloseable, BeforeAllCallback, AfterAllCallback {
    static final Path SCRIPT = Path.of("..", "scripts", "cluster-local.sh").toAbsolutePath().normalize();
    static final Path JAR = Path.of("..", "api", "target", "coffer-exec.jar").toAbsolutePath().normalize();
    static final String ACCESS_KEY = "CLUSTERITKEY";
    static final String SECRET_KEY = "CLUSTERITSECRET";
    /** The Raft ports' certificates (scripts/cluster-certs.sh): every node is on loopback, so clusters share them. */
    static final Path CERTIFICATES = Path.of("target", "cluster-certs").toAbsolutePath();
    private static final Pattern LEADER = Pattern.compile("^(n\\d+) \\{.*\"leader\":\"(n\\d+)\"");
    private static final Pattern BACKLOG = Pattern.compile("\"replicaBacklog\":(-?\\d+)");

    /** How long one node may take to start: three JVMs starting at once took 150 s each at load 40 on 2 cores. */
    private static final Duration START_PER_NODE = Duration.ofSeconds(150);

    /**
     * Three nodes with every job's first pass an hour away, a snapshot every 40 entries and 16 KiB
     * log segments (so a node that comes back after a kill, or empty, catches up from a snapshot),
     * shared by the classes that leave it as they found it — three members that agree on a leader,
     * or that again after a kill and a restart or replace (ClusterOverviewIT, ClusterRaftPortIT,
     * ClusterNginxIT, ClusterIT): started by the first of them, stopped when the run ends. Each
     * start of a cluster costs half a minute of CI.
     */
    static final LocalCluster SHARED = new LocalCluster(3,
            "--coffer.gc-interval=1h --coffer.cluster.snapshot-every=40 --coffer.cluster.log-segment-size=16384", true);

    private final int size;
    private final String extraArgs;
    private final boolean perRun;
    Path dir;
    final List<URI> endpoints = new ArrayList<>();

    private LocalCluster(int size, String extraArgs, boolean perRun) {
        this.size = size;
        this.extraArgs = extraArgs;
        this.perRun = perRun;
    }

    /** Starts {@code n} nodes and waits until they agree on a leader. */
    static LocalCluster up(int n, String extraArgs) throws Exception {
        LocalCluster cluster = new LocalCluster(n, extraArgs, false);
        cluster.start();
        return cluster;
    }

    /**
     * {@code n} nodes for one test class, as {@code @RegisterExtension static final LocalCluster cluster}:
     * started before its first test (at most 150 s a node), stopped after its last.
     */
    static LocalCluster perClass(int n, String extraArgs) {
        return new LocalCluster(n, extraArgs, false);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (perRun) {
            // The run's root store closes it when the run ends; a start that failed is tried again by the next class.
            context.getRoot().getStore(ExtensionContext.Namespace.create(LocalCluster.class))
                    .computeIfAbsent(this, k -> startInTime(), LocalCluster.class);
        } else {
            startInTime();
        }
    }

    private LocalCluster startInTime() {
        Assertions.assertTimeoutPreemptively(START_PER_NODE.multipliedBy(size), this::start,
                () -> "starting " + size + " nodes");
        return this;
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (!perRun) close();
    }

    private void start() throws Exception {
        Tools.require(Files.isRegularFile(JAR), "the packaged server " + JAR,
                "mvn verify packages it before the ITs; alone: mvn -DskipTests package");
        Tools.requireOnPath("curl", "apt-get install curl");
        dir = Files.createTempDirectory("coffer-cluster-it-");
        try {
            for (String line : run("up", Integer.toString(size), dir.toString())) endpoints.add(URI.create(line.trim()));
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    /** Starts one more node, has the group add it at run time, returns its endpoint. */
    URI add() throws Exception {
        URI endpoint = URI.create(run("add", dir.toString()).get(0).trim());
        endpoints.add(endpoint);
        return endpoint;
    }

    /** Starts node {@code i} again and waits until the running nodes agree. */
    void restart(int i) throws Exception {
        run("restart", Integer.toString(i), dir.toString());
    }

    /** Node {@code i} lost its disk: removed from the group, started empty, added again (the script's replace). */
    void replace(int i) throws Exception {
        run("replace", Integer.toString(i), dir.toString());
    }

    /** SIGKILL to node {@code i}: no shutdown hook runs, nothing is flushed. */
    void killNine(int i) throws Exception {
        long pid = Long.parseLong(Files.readString(node(i).resolve("coffer.pid")).trim());
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        ProcessHandle.of(pid).ifPresent(p -> p.onExit().join());
    }

    /** The leader as the running nodes see it (the script's status), by node number; -1 if none agree. */
    int leader() throws Exception {
        Map<String, Integer> votes = new HashMap<>();
        for (String line : run("status", dir.toString())) {
            Matcher m = LEADER.matcher(line);
            if (m.find()) votes.merge(m.group(2), 1, Integer::sum);
        }
        return votes.entrySet().stream().max(Map.Entry.comparingByValue())
                .map(e -> Integer.parseInt(e.getKey().substring(1))).orElse(-1);
    }

    Path node(int i) {
        return dir.resolve("node-" + i);
    }

    /** Node {@code i}'s chunk store (storage-engine/FORMAT.md: {@code chunks/}, {@code quarantine/}). */
    Path store(int i) {
        return node(i).resolve("data").resolve("chunks-store");
    }

    /** The ids of the chunk files node {@code i} holds (published, not quarantined); none if its store is gone. */
    Set<String> chunkIds(int i) throws IOException {
        Path chunks = store(i).resolve("chunks");
        if (!Files.isDirectory(chunks)) return Set.of();
        try (Stream<Path> files = Files.walk(chunks)) {
            Set<String> out = new HashSet<>();
            files.filter(Files::isRegularFile).forEach(p -> out.add(p.getFileName().toString()));
            return out;
        }
    }

    /** Where node {@code i} keeps chunk {@code id}'s file. */
    Path chunkFile(int i, String id) {
        return store(i).resolve("chunks").resolve(id.substring(0, 2)).resolve(id);
    }

    /** The ids of the chunk files node {@code i} quarantined (its {@code quarantine/}). */
    Set<String> quarantined(int i) throws IOException {
        try (Stream<Path> files = Files.list(store(i).resolve("quarantine"))) {
            Set<String> out = new HashSet<>();
            files.forEach(p -> out.add(p.getFileName().toString()));
            return out;
        }
    }

    /** Flips a bit of node {@code i}'s replica of chunk {@code id} at {@code offset}, or halfway if that is past it. */
    void flipByte(int i, String id, long offset) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(chunkFile(i, id).toFile(), "rw")) {
            long at = Math.min(offset, f.length() / 2);
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0x40);
        }
    }

    /** An SDK client of node {@code i} that never retries: each call is one attempt, for the history. */
    S3Client client(int i) {
        return client(i, ACCESS_KEY, SECRET_KEY);
    }

    /** As {@link #client(int)}, signed by another key (an IAM user's). */
    S3Client client(int i, String accessKey, String secretKey) {
        return S3Client.builder()
                .endpointOverride(endpoints.get(i - 1))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                // Generous bounds: on a loaded 2-core machine an election after a kill -9 can keep a
                // call waiting longer than the SDK's 30 s socket timeout; the history needs its answer.
                .httpClientBuilder(ApacheHttpClient.builder().socketTimeout(Duration.ofSeconds(120)))
                .overrideConfiguration(o -> o.retryPolicy(RetryPolicy.none()).apiCallTimeout(Duration.ofSeconds(150)))
                .build();
    }

    /** An SDK IAM client of node {@code i}, signed by the root key. */
    IamClient iam(int i) {
        return IamClient.builder()
                .endpointOverride(endpoints.get(i - 1))
                .region(Region.AWS_GLOBAL)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .overrideConfiguration(o -> o.retryPolicy(RetryPolicy.none()))
                .build();
    }

    /** {@code /_coffer/health} of node {@code i}, unsigned (as a load balancer asks), whatever its status. */
    String health(int i) throws Exception {
        Process p = new ProcessBuilder("curl", "-s", "-m", "60", endpoints.get(i - 1).resolve("/_coffer/health").toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(90, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("curl /_coffer/health on node " + i + " failed: " + out);
        }
        return out;
    }

    /** Node {@code i}'s replica backlog from its health document; -1 while it does not answer or runs no audit. */
    long replicaBacklog(int i) {
        try {
            Matcher m = BACKLOG.matcher(health(i));
            return m.find() ? Long.parseLong(m.group(1)) : -1;
        } catch (Exception e) {
            return -1;
        }
    }

    /** GET of a {@code /_coffer/...} path on node {@code i}, signed by the root key (curl, as an operator does). */
    String admin(int i, String path) throws Exception {
        return admin(i, "GET", path);
    }

    /** A {@code /_coffer/...} request to node {@code i}, signed by the root key; the body, whatever the status. */
    String admin(int i, String method, String path) throws Exception {
        Process p = new ProcessBuilder("curl", "-s", "-m", "60", "-X", method, "--aws-sigv4", "aws:amz:us-east-1:s3",
                "--user", ACCESS_KEY + ":" + SECRET_KEY, "-H", "x-amz-content-sha256: UNSIGNED-PAYLOAD",
                endpoints.get(i - 1).resolve(path).toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(90, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("curl " + path + " on node " + i + " failed: " + out);
        }
        return out;
    }

    private List<String> run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(false);
        pb.environment().put("COFFER_ACCESS_KEY", ACCESS_KEY);
        pb.environment().put("COFFER_SECRET_KEY", SECRET_KEY);
        pb.environment().put("COFFER_JAR", JAR.toString());
        pb.environment().put("COFFER_CLUSTER_ARGS", extraArgs);
        pb.environment().put("COFFER_CLUSTER_TLS_DIR", CERTIFICATES.toString()); // made once, then reused by every cluster
        pb.environment().put("JAVA_OPTS", "-Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
        pb.environment().put("CLUSTER_WAIT", "300"); // a shared CI machine starts JVMs slowly
        Path err = Files.createTempFile("cluster-local", ".err");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(420, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("cluster-local.sh " + String.join(" ", args) + " failed: "
                    + Files.readString(err) + "\n" + logs());
        }
        Files.deleteIfExists(err);
        return out.lines().filter(l -> !l.isBlank()).toList();
    }

    /** The tail of every node's log, for a failure message. */
    String logs() {
        StringBuilder out = new StringBuilder();
        try (Stream<Path> nodes = Files.list(dir)) {
            for (Path n : nodes.filter(p -> p.getFileName().toString().startsWith("node-")).sorted().toList()) {
                Path log = n.resolve("coffer.log");
                if (Files.exists(log)) {
                    List<String> lines = Files.readAllLines(log);
                    out.append("---- ").append(n.getFileName()).append('\n');
                    lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(l -> out.append(l).append('\n'));
                }
            }
        } catch (IOException e) {
            out.append("(logs unreadable: ").append(e).append(')');
        }
        return out.toString();
    }

    /** Copies every node's log to target/cluster-it-logs/, for a look after a failed run. */
    private void keepLogs() {
        Path keep = Path.of("target", "cluster-it-logs", dir.getFileName().toString());
        try (Stream<Path> nodes = Files.list(dir)) {
            Files.createDirectories(keep);
            for (Path n : nodes.filter(p -> p.getFileName().toString().startsWith("node-")).toList()) {
                Path log = n.resolve("coffer.log");
                if (Files.exists(log)) Files.copy(log, keep.resolve(n.getFileName() + ".log"));
            }
        } catch (IOException e) {
            // the logs are a convenience
        }
    }

    @Override
    public void close() throws Exception {
        if (dir == null) return; // never started
        try {
            run("down", dir.toString());
        } finally {
            keepLogs();
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            dir = null; // closed once, even when a failed start closed it before afterAll
        }
    }
}

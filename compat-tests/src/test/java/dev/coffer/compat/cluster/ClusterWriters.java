package dev.coffer.compat.cluster;

import dev.coffer.compat.support.AwsCli;
import dev.coffer.compat.support.BigFiles;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.transfer.s3.S3TransferManager;

/**
 * Clients at their defaults writing objects through one endpoint (nginx in front of a cluster) until
 * stopped, each remembering what it was told is stored: the aws CLI ({@code aws s3 cp}: multipart
 * above 8 MiB) and the AWS SDK for Java v2, whose writes alternate between the sync client's single
 * {@code PutObject} and the transfer manager over the async client's multipart (also above 8 MiB).
 * Each writer cycles through the sizes; the bytes of each write are fresh pseudo-random ones in a
 * file, their SHA-256 taken as written. A write that fails after the client's own retries is counted
 * by its error code and not acknowledged; the writer goes on with the next key.
 */
final class ClusterWriters implements AutoCloseable {
    /** How a write went: the aws CLI, the SDK's single PUT, or the SDK's transfer manager. */
    enum Client { CLI, SDK_PUT, SDK_MULTIPART }

    /** One write a client saw acknowledged. */
    record Ack(String key, Client client, long size, String sha256) {}

    /** The thresholds at which the CLI ({@code multipart_threshold}) and the transfer manager go multipart. */
    static final long MULTIPART_THRESHOLD = 8L << 20;

    private final URI endpoint;
    private final Path work;
    private final String bucket;
    private final long[] sizes;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final ConcurrentLinkedQueue<Ack> acks = new ConcurrentLinkedQueue<>();
    private final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
    /** Writer name → the size it is writing now (0 between writes). */
    private final Map<String, Long> inFlight = new ConcurrentHashMap<>();
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final List<Future<?>> running = new ArrayList<>();

    ClusterWriters(URI endpoint, Path work, String bucket, long... sizes) {
        this.endpoint = endpoint;
        this.work = work;
        this.bucket = bucket;
        this.sizes = sizes.clone();
    }

    /** Starts {@code sdkWriters} SDK writers and one aws CLI writer. */
    ClusterWriters start(int sdkWriters) {
        for (int w = 0; w < sdkWriters; w++) {
            int writer = w;
            running.add(pool.submit(() -> sdkWrites(writer)));
        }
        running.add(pool.submit(this::cliWrites));
        return this;
    }

    /** Asks every writer to stop after its current write and waits (bounded) until they did. */
    void stop(long seconds) throws Exception {
        stop.set(true);
        for (Future<?> f : running) f.get(seconds, TimeUnit.SECONDS);
    }

    /** The acknowledged writes, in the order they were acknowledged. */
    List<Ack> acknowledged() {
        return List.copyOf(acks);
    }

    /** Writes that failed after the clients' own retries, by error code. */
    Map<String, Long> failures() {
        Map<String, Long> out = new TreeMap<>();
        failures.forEach((code, n) -> out.put(code, n.get()));
        return out;
    }

    /** Whether some writer is writing an object of at least {@code size} bytes right now. */
    boolean writing(long size) {
        return inFlight.values().stream().anyMatch(s -> s >= size);
    }

    private void sdkWrites(int writer) {
        try (S3Client s3 = sdk(endpoint);
             S3AsyncClient async = S3AsyncClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                     .forcePathStyle(true).credentialsProvider(credentials()).multipartEnabled(true).build();
             S3TransferManager transfers = S3TransferManager.builder().s3Client(async).build()) {
            String name = "sdk-" + writer;
            for (int seq = 0; !stop.get(); seq++) {
                // Each size goes by both paths over two rounds of the sizes.
                boolean multipart = (seq % sizes.length + seq / sizes.length) % 2 == 1;
                String key = name + "-" + seq;
                long size = sizes[seq % sizes.length];
                Path file = work.resolve(name + ".upload");
                String sha = writeFile(file, size, writer * 1_000_003L + seq);
                inFlight.put(name, size);
                try {
                    if (multipart) {
                        transfers.uploadFile(u -> u.source(file).putObjectRequest(p -> p.bucket(bucket).key(key)))
                                .completionFuture().join();
                    } else {
                        s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromFile(file));
                    }
                    acks.add(new Ack(key, multipart ? Client.SDK_MULTIPART : Client.SDK_PUT, size, sha));
                } catch (SdkException | CompletionException e) { // not acknowledged: may or may not be stored
                    fail((multipart ? "sdk multipart " : "sdk put ") + code(e));
                } finally {
                    inFlight.put(name, 0L);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Void cliWrites() throws Exception {
        AwsCli cli = new AwsCli(endpoint.toString(), work, Map.of(
                "AWS_ACCESS_KEY_ID", LocalCluster.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", LocalCluster.SECRET_KEY));
        for (int seq = 0; !stop.get(); seq++) {
            String key = "cli-" + seq;
            long size = sizes[(seq + 1) % sizes.length];
            Path file = work.resolve("cli.upload");
            String sha = writeFile(file, size, 7_000_000_007L + seq);
            inFlight.put("cli", size);
            try {
                cli.run("s3", "cp", file.toString(), "s3://" + bucket + "/" + key);
                acks.add(new Ack(key, Client.CLI, size, sha));
            } catch (AssertionError exitedNonZero) {
                fail("cli " + cliCode(exitedNonZero.getMessage()));
            } finally {
                inFlight.put("cli", 0L);
            }
        }
        return null;
    }

    private static final Pattern CLI_ERROR = Pattern.compile("An error occurred \\(([^)]+)\\)");
    private static final Pattern CLI_EXIT = Pattern.compile("exited (\\d+)");

    /** The S3 error code the CLI printed, else its exit status. */
    private static String cliCode(String message) {
        Matcher error = CLI_ERROR.matcher(message);
        if (error.find()) return error.group(1);
        Matcher exit = CLI_EXIT.matcher(message);
        return exit.find() ? "exit " + exit.group(1) : "failed";
    }

    private void fail(String code) {
        failures.computeIfAbsent(code, c -> new AtomicLong()).incrementAndGet();
    }

    private static String code(Throwable e) {
        Throwable t = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (t instanceof S3Exception s3) return s3.statusCode() + " " + s3.awsErrorDetails().errorCode();
        return t.getClass().getSimpleName();
    }

    /** Writes {@code size} bytes from {@code seed} to {@code file}; their SHA-256 in hex. */
    private static String writeFile(Path file, long size, long seed) throws IOException {
        BigFiles.write(file, size, seed);
        try (InputStream in = Files.newInputStream(file)) {
            return sha256(in);
        }
    }

    /** The SHA-256 of what {@code in} holds, in hex, read 1 MiB at a time. */
    static String sha256(InputStream in) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] b = new byte[1 << 20];
            for (int n; (n = in.read(b)) > 0; ) md.update(b, 0, n);
            return HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads {@code ack}'s object through {@code s3}; null if it reads back as written, else what went wrong. */
    String verify(S3Client s3, Ack ack) {
        try (InputStream in = s3.getObject(r -> r.bucket(bucket).key(ack.key()))) {
            String sha = sha256(in);
            return sha.equals(ack.sha256()) ? null : "SHA-256 " + sha + ", written " + ack.sha256();
        } catch (SdkException | IOException e) {
            return code(e) + ": " + e.getMessage();
        }
    }

    /** The SDK's sync client at its defaults (retries, timeouts), signed by the cluster's root key. */
    static S3Client sdk(URI endpoint) {
        return S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(credentials()).build();
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalCluster.ACCESS_KEY, LocalCluster.SECRET_KEY));
    }

    @Override
    public void close() {
        stop.set(true);
        pool.shutdownNow();
    }
}

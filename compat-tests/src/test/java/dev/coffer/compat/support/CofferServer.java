package dev.coffer.compat.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;

import dev.coffer.api.CofferApplication;
import dev.coffer.api.ui.DriveUiServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The real Coffer server, started in this JVM on a random port with a fresh data directory, and
 * the AWS SDK clients that talk to it. One instance serves the whole test run (see
 * {@link CofferServerExtension}); tests isolate themselves by creating their own buckets.
 *
 * <p>With {@code -Dcoffer.compat.endpoint=http://host:port} (and optionally
 * {@code coffer.compat.access-key} / {@code coffer.compat.secret-key}) the suite runs against an
 * already running S3 endpoint instead, which is how the suite itself is checked against another
 * S3 implementation.
 */
public final class CofferServer implements AutoCloseable {

    public static final String ACCESS_KEY =
            System.getProperty("coffer.compat.access-key", "AKIACOFFERCOMPATTEST");
    public static final String SECRET_KEY =
            System.getProperty("coffer.compat.secret-key", "coffer/compat/secret/key/for/tests/only00");
    public static final Region REGION = Region.US_EAST_1;

    private static final AtomicInteger BUCKETS = new AtomicInteger();

    private final ConfigurableApplicationContext context;
    private final Path dataDir;
    private final URI endpoint;
    private final URI drive;
    private final S3Client s3;
    private final S3Client s3WhenRequiredChecksums;
    private final S3AsyncClient s3Async;
    private final S3Presigner presigner;

    private CofferServer(ConfigurableApplicationContext context, Path dataDir, URI endpoint, URI drive) {
        this.context = context;
        this.dataDir = dataDir;
        this.endpoint = endpoint;
        this.drive = drive;
        this.s3 = newClient(ACCESS_KEY, SECRET_KEY);
        this.s3WhenRequiredChecksums = S3Client.builder()
                .endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(credentials(ACCESS_KEY, SECRET_KEY))
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
        this.s3Async = S3AsyncClient.builder()
                .endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(credentials(ACCESS_KEY, SECRET_KEY))
                .forcePathStyle(true)
                .build();
        this.presigner = S3Presigner.builder()
                .endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(credentials(ACCESS_KEY, SECRET_KEY))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build();
    }

    /** Starts the server (or attaches to {@code coffer.compat.endpoint}). */
    public static CofferServer start() {
        String external = System.getProperty("coffer.compat.endpoint");
        if (external != null && !external.isBlank()) {
            String drive = System.getProperty("coffer.compat.drive");
            return new CofferServer(null, null, URI.create(external), drive == null ? null : URI.create(drive));
        }
        return startInProcess(false, new String[0]);
    }

    /**
     * Starts a server of its own in this JVM with extra settings ({@code --coffer.…=…}), even when
     * the suite runs against an external endpoint: for tests of the settings themselves. The
     * caller closes it.
     */
    public static CofferServer startInProcess(String... settings) {
        return startInProcess(true, settings);
    }

    /**
     * {@code ownLoops}: the server gets event loops of its own instead of Reactor Netty's global
     * ones, so that closing it does not stop the loops of the suite's shared server (Spring
     * disposes the global resources when a context that uses them closes).
     */
    private static CofferServer startInProcess(boolean ownLoops, String... settings) {
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("coffer-compat-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return startInProcess(ownLoops, dataDir, settings);
    }

    /** {@link #startInProcess(String...)} on a data directory an earlier server left (a restart). */
    public static CofferServer startInProcessOn(Path dataDir, String... settings) {
        return startInProcess(true, dataDir, settings);
    }

    private static CofferServer startInProcess(boolean ownLoops, Path dataDir, String... settings) {
        List<String> defaults = new ArrayList<>(List.of(
                "--server.port=0",
                "--coffer.ui.port=0",
                "--coffer.data-dir=" + dataDir,
                "--coffer.access-key=" + ACCESS_KEY,
                "--coffer.secret-key=" + SECRET_KEY,
                "--coffer.region=" + REGION.id(),
                // One access-log line per request would bury the test report (the UI tests make
                // 100,000 objects); the line format has its own unit tests in api/ops.
                "--logging.level.coffer.access=WARN"));
        // A setting given by the caller replaces the default of the same name (e.g. fixed ports
        // for a restart on the same address): Spring would join two values with a comma.
        List<String> args = new ArrayList<>();
        for (String d : defaults) {
            String name = d.substring(0, d.indexOf('=') + 1);
            if (Stream.of(settings).noneMatch(s -> s.startsWith(name))) {
                args.add(d);
            }
        }
        args.addAll(List.of(settings));
        SpringApplicationBuilder builder = new SpringApplicationBuilder(CofferApplication.class);
        if (ownLoops) {
            builder.initializers(ctx -> ((GenericApplicationContext) ctx).registerBean(ReactorResourceFactory.class, () -> {
                ReactorResourceFactory loops = new ReactorResourceFactory();
                loops.setUseGlobalResources(false);
                // Netty's quiet period (2 s by default) waits for tasks that come after the close;
                // Spring's graceful shutdown has drained every request by then, so in a test it is
                // only 2 s of each stop (about 20 stops in the ITs). The jar keeps the default (the
                // processes CofferProcess starts drop it too).
                loops.setShutdownQuietPeriod(Duration.ZERO);
                return loops;
            }));
        }
        ConfigurableApplicationContext context = builder.run(args.toArray(String[]::new));
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        int drivePort = context.getBean(DriveUiServer.class).port();
        return new CofferServer(context, dataDir, URI.create("http://127.0.0.1:" + port),
                URI.create("http://127.0.0.1:" + drivePort + "/"));
    }

    public URI endpoint() {
        return endpoint;
    }

    /**
     * The drive's address (its own origin, ending in '/'), or null when the suite runs against an
     * external endpoint without {@code coffer.compat.drive}.
     */
    public URI driveUrl() {
        return drive;
    }

    public int port() {
        return endpoint.getPort();
    }

    /**
     * Stops this in-process server, keeping its data, and starts another on the same data
     * directory and the same S3 and drive ports, as an operator's restart does; the caller closes
     * the new one. Between the two, clients find nothing listening.
     */
    public Restart stopForRestart() {
        closeKeepingData();
        int drivePort = drive.getPort();
        return extra -> {
            List<String> settings = new ArrayList<>(List.of("--server.port=" + port(), "--coffer.ui.port=" + drivePort));
            settings.addAll(List.of(extra));
            return startInProcessOn(dataDir, settings.toArray(String[]::new));
        };
    }

    /** The second half of {@link #stopForRestart()}. */
    @FunctionalInterface
    public interface Restart {
        CofferServer start(String... settings);
    }

    /** The server's data directory, or null when the suite runs against an external endpoint. */
    public Path dataDir() {
        return dataDir;
    }

    /** The sync client with the SDK's default settings (Apache HTTP, CRC32 trailer checksums). */
    public S3Client s3() {
        return s3;
    }

    /** The async client with the SDK's default settings (Netty). */
    public S3AsyncClient s3Async() {
        return s3Async;
    }

    /**
     * A sync client with the SDK's flexible checksums switched off except where an operation
     * requires one: uploads go as plain aws-chunked (or signed) bodies with no trailer.
     */
    public S3Client s3WhenRequiredChecksums() {
        return s3WhenRequiredChecksums;
    }

    public S3Presigner presigner() {
        return presigner;
    }

    /** A new default sync client with other credentials; the caller closes it. */
    public S3Client newClient(String accessKey, String secretKey) {
        return newClient(accessKey, secretKey, REGION);
    }

    /** {@link #newClient(String, String)} configured for {@code region} (signing for it). */
    public S3Client newClient(String accessKey, String secretKey, Region region) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(region)
                .credentialsProvider(credentials(accessKey, secretKey))
                .forcePathStyle(true)
                .build();
    }

    /** A new default IAM client (global region) signed by the root; the caller closes it. */
    public software.amazon.awssdk.services.iam.IamClient newIamClient() {
        return software.amazon.awssdk.services.iam.IamClient.builder().endpointOverride(endpoint)
                .region(Region.AWS_GLOBAL).credentialsProvider(credentials(ACCESS_KEY, SECRET_KEY)).build();
    }

    /** A new presigner with other credentials; the caller closes it. */
    public S3Presigner newPresigner(String accessKey, String secretKey) {
        return S3Presigner.builder()
                .endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(credentials(accessKey, secretKey))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build();
    }

    public RawS3 raw() {
        return new RawS3(endpoint, ACCESS_KEY, SECRET_KEY, REGION.id());
    }

    /** {@link #raw()} signing its SigV4 requests and URLs for {@code region} rather than the server's. */
    public RawS3 rawSignedFor(String region) {
        return new RawS3(endpoint, ACCESS_KEY, SECRET_KEY, region);
    }

    /** Raw requests signed with other credentials (an IAM user's). */

    public RawS3 raw(String accessKey, String secretKey) {
        return new RawS3(endpoint, accessKey, secretKey, REGION.id());
    }

    /** A bucket name no other test uses; the bucket is not created. */
    public String uniqueBucketName(String hint) {
        return ("compat-" + hint + "-" + BUCKETS.incrementAndGet() + "-" + Long.toHexString(System.nanoTime()))
                .toLowerCase();
    }

    /** Creates a bucket no other test uses and returns its name. */
    public String createBucket(String hint) {
        String name = uniqueBucketName(hint);
        s3.createBucket(b -> b.bucket(name));
        return name;
    }

    /** Creates a bucket no other test uses, with versioning enabled, and returns its name. */
    public String createVersionedBucket(String hint) {
        String name = createBucket(hint);
        s3.putBucketVersioning(b -> b.bucket(name).versioningConfiguration(c -> c.status(
                software.amazon.awssdk.services.s3.model.BucketVersioningStatus.ENABLED)));
        return name;
    }

    /** Creates a bucket no other test uses and puts each key in it, its bytes being its own name. */
    public String createBucketWithKeys(String hint, java.util.List<String> keys) {
        String bucket = createBucket(hint);
        for (String key : keys) {
            s3.putObject(b -> b.bucket(bucket).key(key), software.amazon.awssdk.core.sync.RequestBody.fromString(key));
        }
        return bucket;
    }

    private static StaticCredentialsProvider credentials(String accessKey, String secretKey) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey));
    }

    /** Stops the server and its clients but leaves its data directory, for a restart on it. */
    public void closeKeepingData() {
        presigner.close();
        s3Async.close();
        s3WhenRequiredChecksums.close();
        s3.close();
        if (context != null) {
            context.close();
        }
    }

    @Override
    public void close() throws IOException {
        closeKeepingData();
        if (dataDir != null) {
            try (Stream<Path> paths = Files.walk(dataDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}

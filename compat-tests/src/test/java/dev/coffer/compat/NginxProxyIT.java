package dev.coffer.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.compat.support.AwsCli;
import dev.coffer.compat.ops.CofferProcess;
import dev.coffer.compat.ops.NginxProcess;
import dev.coffer.compat.ops.SeededStream;
import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.TestData;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * docker/nginx.conf, run by Debian's real nginx in front of a real Coffer (both on loopback),
 * with the AWS SDK and the aws CLI pushing through it what breaks badly configured S3 proxies:
 * a large body, a presigned URL, a virtual-hosted-style Host, metadata with underscores.
 *
 * <p>The large transfers are {@code coffer.nginx.it.bytes} long: 160 MiB + 1 in {@code mvn verify},
 * which is past nginx's default body limit (1 MiB), as one PUT spans three of Coffer's 64 MiB
 * chunks with a partial last one, and makes the CLI's multipart upload 21 parts of 8 MiB, more than its 10
 * concurrent requests. scripts/nginx-gib-run.sh runs the class with a GiB each, as it was before.
 */
class NginxProxyIT {
    private static final long LARGE = Long.getLong("coffer.nginx.it.bytes", 160L * 1024 * 1024 + 1);
    private static final String ACCESS_KEY = CofferServer.ACCESS_KEY;
    private static final String SECRET_KEY = CofferServer.SECRET_KEY;

    private static Path dir;
    private static CofferProcess coffer;
    private static int cofferPort;
    private static NginxProcess nginx;
    private static S3Client s3;
    private static String bucket;

    @BeforeAll
    static void start() throws Exception {
        NginxProcess.binary();
        dir = Files.createTempDirectory("coffer-nginx-it-");
        // The real server as the container runs it (its own process, configured by environment),
        // with a base domain so that bucket.localhost:port resolves virtual-hosted-style. Not a
        // second Spring context in this JVM: closing one disposes Reactor Netty's global event
        // loops, which the suite's shared server also runs on.
        coffer = CofferProcess.start(Map.of(
                "COFFER_DATA_DIR", dir.resolve("data").toString(),
                "COFFER_ACCESS_KEY", ACCESS_KEY, "COFFER_SECRET_KEY", SECRET_KEY,
                "COFFER_DOMAIN", "localhost"), dir.resolve("coffer.log"));
        cofferPort = coffer.port();
        nginx = NginxProcess.start(cofferPort, coffer.drivePort());
        s3 = client(URI.create("http://127.0.0.1:" + nginx.port()), true);
        bucket = "nginx-" + Long.toHexString(System.nanoTime());
        s3.createBucket(b -> b.bucket(bucket));
    }

    @AfterAll
    static void stop() throws Exception {
        if (s3 != null) {
            s3.close();
        }
        if (nginx != null) {
            nginx.close();
        }
        if (coffer != null) {
            coffer.close();
        }
        if (dir != null) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The SDK's defaults; every host name resolves to loopback, so bucket.localhost works without DNS. */
    private static S3Client client(URI endpoint, boolean pathStyle) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(CofferServer.REGION)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .forcePathStyle(pathStyle)
                .httpClient(ApacheHttpClient.builder()
                        .dnsResolver(host -> new InetAddress[] {InetAddress.getLoopbackAddress()})
                        .socketTimeout(Duration.ofMinutes(5))
                        .build())
                .build();
    }

    private static String sha256Of(String key) throws IOException {
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(bucket).key(key))) {
            return SeededStream.sha256(in);
        }
    }

    @Test
    void aLargePutWithTheSdkThroughNginxComesBackIdentical() throws IOException {
        long seed = 7;
        s3.putObject(b -> b.bucket(bucket).key("sdk/large.bin"),
                RequestBody.fromContentProvider(() -> new SeededStream(seed, LARGE), LARGE, "application/octet-stream"));
        assertThat(s3.headObject(b -> b.bucket(bucket).key("sdk/large.bin")).contentLength()).isEqualTo(LARGE);
        assertThat(sha256Of("sdk/large.bin")).isEqualTo(SeededStream.sha256(seed, LARGE));
    }

    @Test
    void aLargeFileCopiedUpAndDownWithTheAwsCliThroughNginxIsIdentical() throws Exception {
        AwsCli.require();
        Path file = largeFile(11);
        // A single PUT: the CLI's multipart threshold raised above the file size (see the multipart test).
        Path config = dir.resolve("single-put.config");
        Files.writeString(config, "[default]\ns3 =\n  multipart_threshold = 2GB\n");
        AwsCli aws = cli(Map.of("AWS_CONFIG_FILE", config.toString()));
        aws.run("s3", "cp", file.toString(), "s3://" + bucket + "/cli/large.bin");
        Path back = dir.resolve("cli-back.bin");
        aws.run("s3", "cp", "s3://" + bucket + "/cli/large.bin", back.toString());
        assertThat(Files.size(back)).isEqualTo(LARGE);
        assertThat(sha256(back)).isEqualTo(SeededStream.sha256(11, LARGE));
        Files.delete(back);
        Files.delete(file);
    }

    @Test
    void aLargeMultipartUploadWithTheAwsCliThroughNginxIsIdentical() throws Exception {
        AwsCli.require();
        Path file = largeFile(13);
        AwsCli aws = cli(Map.of());
        aws.run("s3", "cp", file.toString(), "s3://" + bucket + "/cli/multipart-large.bin");
        Path back = dir.resolve("multipart-back.bin");
        aws.run("s3", "cp", "s3://" + bucket + "/cli/multipart-large.bin", back.toString());
        assertThat(sha256(back)).isEqualTo(SeededStream.sha256(13, LARGE));
        Files.delete(back);
        Files.delete(file);
    }

    @Test
    void aPresignedGetThroughNginxReturnsTheBytes() throws Exception {
        byte[] body = TestData.randomBytes(300_000, 3);
        s3.putObject(b -> b.bucket(bucket).key("presigned/a b+c.bin"), RequestBody.fromBytes(body));
        try (S3Presigner presigner = S3Presigner.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + nginx.port()))
                .region(CofferServer.REGION)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build()) {
            URI url = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(g -> g.bucket(bucket).key("presigned/a b+c.bin"))).url().toURI();
            HttpResponse<byte[]> response = HttpClient.newHttpClient()
                    .send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(body);
        }
    }

    @Test
    void virtualHostedStyleRequestsPassThroughNginxWithTheirHost() throws Exception {
        String vhBucket = "vhost-" + Long.toHexString(System.nanoTime());
        byte[] body = TestData.randomBytes(70_000, 5);
        try (S3Client vh = client(URI.create("http://localhost:" + nginx.port()), false)) {
            vh.createBucket(b -> b.bucket(vhBucket));
            vh.putObject(b -> b.bucket(vhBucket).key("dir/x.bin"), RequestBody.fromBytes(body));
            assertThat(vh.getObjectAsBytes(b -> b.bucket(vhBucket).key("dir/x.bin")).asByteArray()).isEqualTo(body);
            assertThat(vh.listObjectsV2(b -> b.bucket(vhBucket)).contents()).extracting(o -> o.key())
                    .containsExactly("dir/x.bin");
        }
        // The same object, path-style: virtual-hosted requests really addressed vhBucket.
        assertThat(s3.getObjectAsBytes(b -> b.bucket(vhBucket).key("dir/x.bin")).asByteArray()).isEqualTo(body);
        assertThat(nginx.output()).contains("host=" + vhBucket + ".localhost:" + nginx.port());
    }

    @Test
    void userMetadataWithUnderscoresSurvivesTheProxy() {
        s3.putObject(b -> b.bucket(bucket).key("meta").metadata(Map.of("my_key", "v_1", "plain", "v2")),
                RequestBody.fromString("m"));
        assertThat(s3.headObject(b -> b.bucket(bucket).key("meta")).metadata())
                .containsEntry("my_key", "v_1").containsEntry("plain", "v2");
    }

    @Test
    void healthIsOpenThroughNginxAndMetricsOnlyInside() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + nginx.port() + "/_coffer/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"ready\":true");
        // Every spelling of the metrics path that Coffer would serve them at, and that nginx
        // decodes or resolves to it, is answered by nginx itself, even with the right token.
        String token = "Bearer " + Files.readString(dir.resolve("data").resolve("metrics-token"));
        for (String path : new String[] {"/_coffer/metrics", "/_coffer/metrics/", "/_coffer/metrics/anything",
            "/_coffer/metrics?format=prometheus", "/_coffer/%6Detrics", "/_coffer/%6detrics/", "/_coffer/./metrics",
            "/_coffer/x/../metrics/"}) {
            HttpResponse<String> outside = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + nginx.port() + path)).header("Authorization", token).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(outside.statusCode()).as(path).isEqualTo(404);
            assertThat(outside.body()).as(path).doesNotContain("coffer_requests_total").containsIgnoringCase("nginx");
        }
        s3.putObject(b -> b.bucket(bucket).key("counted"), RequestBody.fromString("12345"));
        HttpResponse<String> inside = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + cofferPort + "/_coffer/metrics")).header("Authorization", token).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(inside.statusCode()).isEqualTo(200);
        assertThat(inside.body()).contains("coffer_requests_total{operation=\"PUT_OBJECT\",status=\"200\"}");
    }

    @Test
    void theDriveHasItsOwnPortThroughNginxAndItsPreflightsPassTheS3Port() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String drive = "http://127.0.0.1:" + nginx.drivePort();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(drive + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<title>Coffer Drive</title>");
        assertThat(page.headers().firstValue("Content-Security-Policy")).isPresent();
        HttpResponse<String> config = http.send(HttpRequest.newBuilder(URI.create(drive + "/config.json")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(config.body()).as("the Host header reaches Coffer").startsWith("{\"s3Endpoint\":\"http://127.0.0.1:");
        s3.putObject(b -> b.bucket(bucket).key("on-s3-only"), RequestBody.fromString("object bytes"));
        HttpResponse<String> object = http.send(HttpRequest.newBuilder(URI.create(drive + "/" + bucket + "/on-s3-only")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(object.statusCode()).isEqualTo(404);
        assertThat(object.body()).doesNotContain("object bytes");
        // The drive's origin as Coffer derives it by default: the request's host name on the drive port.
        String origin = "http://127.0.0.1:" + coffer.drivePort();
        HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + nginx.port() + "/" + bucket + "/on-s3-only"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin).header("Access-Control-Request-Method", "PUT").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(origin);
    }

    private static AwsCli cli(Map<String, String> extra) {
        return new AwsCli("http://127.0.0.1:" + nginx.port(), dir, AwsCli.credentials(extra));
    }

    private static Path largeFile(long seed) throws IOException {
        Path file = dir.resolve("large-" + seed + ".bin");
        try (InputStream in = new SeededStream(seed, LARGE); OutputStream out = Files.newOutputStream(file)) {
            in.transferTo(out);
        }
        return file;
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return SeededStream.sha256(in);
        }
    }
}

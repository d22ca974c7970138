package dev.coffer.compat;

import static dev.coffer.compat.support.S3Assertions.assertSameBytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.coffer.api.CofferApplication;
import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.TestData;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Virtual-hosted-style requests ({@code bucket.localhost}) on a second server started with
 * {@code --coffer.domain=localhost}, next to path-style on the same server. The SDK runs at its
 * defaults (virtual-hosted addressing); only its HTTP client resolves {@code *.localhost} to the
 * loopback address, as a resolver such as systemd-resolved would.
 */
class VirtualHostIT {
    private static Path dataDir;
    private static ConfigurableApplicationContext context;
    private static URI endpoint;
    private static final List<String> HOSTS = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        dataDir = Files.createTempDirectory("coffer-vhost-");
        context = new SpringApplicationBuilder(CofferApplication.class).run("--server.port=0",
                "--coffer.data-dir=" + dataDir, "--coffer.access-key=" + CofferServer.ACCESS_KEY,
                "--coffer.secret-key=" + CofferServer.SECRET_KEY, "--coffer.region=" + CofferServer.REGION.id(),
                "--coffer.domain=localhost");
        endpoint = URI.create("http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort());
    }

    @AfterAll
    static void stop() throws IOException {
        if (context != null) context.close();
        try (Stream<Path> paths = Files.walk(dataDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static S3Client client(boolean pathStyle) {
        ExecutionInterceptor hosts = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission c, ExecutionAttributes a) {
                HOSTS.add(c.httpRequest().host());
            }
        };
        return S3Client.builder().endpointOverride(endpoint).region(CofferServer.REGION).forcePathStyle(pathStyle)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(CofferServer.ACCESS_KEY, CofferServer.SECRET_KEY)))
                .httpClient(ApacheHttpClient.builder().dnsResolver(host -> new InetAddress[] {
                        InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})}).build())
                .overrideConfiguration(o -> o.addExecutionInterceptor(hosts))
                .build();
    }

    @Test
    void virtualHostedRequestsWorkAlongsidePathStyle() {
        byte[] bytes = TestData.randomBytes(100_000, 8);
        try (S3Client virtual = client(false); S3Client pathStyle = client(true)) {
            HOSTS.clear();
            virtual.createBucket(b -> b.bucket("vhost-bucket"));
            virtual.putObject(b -> b.bucket("vhost-bucket").key("dir/a b.bin"), RequestBody.fromBytes(bytes));
            assertThat(HOSTS).contains("vhost-bucket.localhost");
            assertSameBytes(virtual.getObjectAsBytes(b -> b.bucket("vhost-bucket").key("dir/a b.bin")).asByteArray(), bytes,
                    "virtual-hosted GET");
            assertSameBytes(pathStyle.getObjectAsBytes(b -> b.bucket("vhost-bucket").key("dir/a b.bin")).asByteArray(),
                    bytes, "path-style GET of the same object");
            assertThat(virtual.listObjectsV2(b -> b.bucket("vhost-bucket")).contents()).extracting(S3Object::key)
                    .containsExactly("dir/a b.bin");
            virtual.deleteObject(b -> b.bucket("vhost-bucket").key("dir/a b.bin"));
            assertThat(pathStyle.listObjectsV2(b -> b.bucket("vhost-bucket")).contents()).isEmpty();
            virtual.deleteBucket(b -> b.bucket("vhost-bucket"));
        }
    }
}

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

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
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
@ExtendWith(VirtualHostIT.DomainServerExtension.class)
class VirtualHostIT {
    private static URI endpoint;
    private static final List<String> HOSTS = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start(DomainServer server) {
        endpoint = server.endpoint;
    }

    /**
     * Keeps the second server in the root store, closed at the end of the run rather than after
     * this class: closing a Spring Boot server disposes Reactor Netty's global event loops, which
     * the shared server uses too.
     */
    static final class DomainServerExtension implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == DomainServer.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getRoot().getStore(ExtensionContext.Namespace.create(VirtualHostIT.class))
                    .computeIfAbsent(DomainServer.class, k -> DomainServer.start(), DomainServer.class);
        }
    }

    /** A second server, with {@code coffer.domain=localhost}. */
    static final class DomainServer implements AutoCloseable {
        private final Path dataDir;
        private final ConfigurableApplicationContext context;
        private final URI endpoint;

        private DomainServer(Path dataDir, ConfigurableApplicationContext context) {
            this.dataDir = dataDir;
            this.context = context;
            this.endpoint = URI.create("http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort());
        }

        static DomainServer start() {
            try {
                Path dataDir = Files.createTempDirectory("coffer-vhost-");
                return new DomainServer(dataDir, new SpringApplicationBuilder(CofferApplication.class).run("--server.port=0", "--coffer.ui.port=0",
                        "--coffer.data-dir=" + dataDir, "--coffer.access-key=" + CofferServer.ACCESS_KEY,
                        "--coffer.secret-key=" + CofferServer.SECRET_KEY, "--coffer.region=" + CofferServer.REGION.id(),
                        "--coffer.domain=localhost"));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            context.close();
            try (Stream<Path> paths = Files.walk(dataDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
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

package dev.coffer.compat.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Chunks travel between nodes on a port of their own, over mutual TLS with the cluster's
 * certificates (docs/cluster.md, "Chunks on several nodes"): on every node's chunk port a caller
 * that shows no certificate, or one of another CA, is refused at the handshake, and one speaking
 * HTTP in clear gets no HTTP answer, while a member's certificate gets through to the endpoint
 * (which then wants the request signed by a node); the S3 port answers the chunk paths as any
 * unknown path under {@code /_coffer/}. (That chunks still move, are repaired and read is shown by
 * ClusterChunksIT and ClusterRepairIT, whose transfers all take this port.)
 */
class ClusterChunkPortIT {
    /** The shared cluster: these tests change nothing. */
    @RegisterExtension
    static final LocalCluster cluster = LocalCluster.SHARED;

    /** Each node's chunk port address, from {@code DIR/chunk-peers} ({@code n1=127.0.0.1:port,…}). */
    private static List<String> chunkPorts() throws IOException {
        List<String> out = new ArrayList<>();
        for (String entry : Files.readString(cluster.dir.resolve("chunk-peers")).trim().split(",")) {
            out.add(entry.substring(entry.indexOf('=') + 1));
        }
        return out;
    }

    /** TLS trusting the cluster's CA, showing the certificate in {@code keyStore} (none when null). */
    private static SSLContext tls(Path keyStore) throws Exception {
        char[] password = RaftStranger.password(cluster.dir);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(load(RaftStranger.certificates(cluster.dir).resolve("trust.p12"), password));
        KeyManagerFactory keys = null;
        if (keyStore != null) {
            keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(load(keyStore, password), password);
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }

    private static KeyStore load(Path file, char[] password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        }
        return store;
    }

    private static HttpResponse<String> get(SSLContext tls, URI uri) throws Exception {
        HttpClient.Builder client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(30));
        if (tls != null) client.sslContext(tls);
        return client.build().send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aCallerWithoutTheClustersCertificateIsRefusedAtTheHandshakeOnEveryChunkPort() throws Exception {
        SSLContext member = tls(RaftStranger.certificates(cluster.dir).resolve("n1.p12"));
        SSLContext noCertificate = tls(null);
        SSLContext otherCa = tls(RaftStranger.ownKeyStore(cluster.dir, cluster.dir.resolve("stranger-tls")));
        for (String port : chunkPorts()) {
            URI chunks = URI.create("https://" + port + "/_coffer/chunks");
            HttpResponse<String> asMember = get(member, chunks);
            assertThat(asMember.statusCode()).as("%s to a member's certificate, unsigned", port).isEqualTo(403);
            assertThat(asMember.body()).contains("not signed by a cluster node");
            assertThatThrownBy(() -> get(noCertificate, chunks)).as("%s to a caller with no certificate", port)
                    .isInstanceOf(IOException.class);
            assertThatThrownBy(() -> get(otherCa, chunks)).as("%s to a certificate of another CA", port)
                    .isInstanceOf(IOException.class);
            assertThatThrownBy(() -> get(null, URI.create("http://" + port + "/_coffer/chunks")))
                    .as("%s to HTTP in clear", port).isInstanceOf(IOException.class);
        }
    }

    @Test
    void theS3PortAnswersTheChunkPathsAsAnyUnknownPath() throws Exception {
        for (URI node : cluster.endpoints) {
            HttpResponse<String> unknown = get(null, node.resolve("/_coffer/no-such-endpoint"));
            assertThat(unknown.statusCode()).isEqualTo(404);
            for (String path : List.of("/_coffer/chunks", "/_coffer/chunks/00112233445566778899aabbccddeeff")) {
                HttpResponse<String> answer = get(null, node.resolve(path));
                assertThat(answer.statusCode()).as("%s on %s", path, node).isEqualTo(404);
                assertThat(answer.body()).as("%s on %s", path, node).isEqualTo(unknown.body());
            }
        }
    }
}

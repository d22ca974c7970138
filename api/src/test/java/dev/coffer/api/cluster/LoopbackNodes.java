package dev.coffer.api.cluster;

import dev.coffer.cluster.ClusterTls;
import dev.coffer.cluster.TestCertificates;
import dev.coffer.storage.ChunkStore;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * Cluster nodes of a test, each a real chunk store behind a real transfer endpoint on loopback
 * speaking the chunk port's mutual TLS (or an address where nothing listens), with its own
 * transfer client and byte counters. Every node shows the one test certificate (127.0.0.1) of the
 * test CA ({@link TestCertificates}).
 */
final class LoopbackNodes implements AutoCloseable {
    final NodeAuth auth = new NodeAuth("test-secret", Clock.systemUTC());
    final ClusterTls tls;
    private final Path dir;
    private final List<DisposableServer> servers = new ArrayList<>();
    private final Map<String, ChunkStore> stores = new LinkedHashMap<>();
    private final Map<String, URI> addresses = new LinkedHashMap<>();
    private final Map<String, ChunkTraffic> traffic = new LinkedHashMap<>();

    LoopbackNodes(Path dir) throws IOException {
        this.dir = dir;
        this.tls = TestCertificates.tls();
    }

    /** A client that shows a member's certificate, as a node's own does (for requests a test makes up). */
    HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(tls.sslContext()).build();
    }

    /** A node whose endpoint answers; {@code broken}: its store is closed, so it fails every receive. */
    ChunkStore member(String node, boolean broken) throws IOException {
        ChunkStore store = store(node);
        if (broken) store.close();
        DisposableServer server = HttpServer.create().host("127.0.0.1").port(0)
                .secure(spec -> spec.sslContext(ChunkPort.mutualTls(tls)))
                .handle(new ReactorHttpHandlerAdapter(new ChunkTransferEndpoint(store, auth, node, peers(node)))).bindNow();
        servers.add(server);
        addresses.put(node, URI.create("https://127.0.0.1:" + server.port() + "/"));
        return store;
    }

    /** A node with an address where nothing listens. */
    void absent(String node) throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            addresses.put(node, URI.create("https://127.0.0.1:" + socket.getLocalPort() + "/"));
        }
    }

    /** Sends what the nodes send to {@code node} to {@code via} instead (a relay in between, say). */
    void route(String node, URI via) {
        addresses.put(node, via);
    }

    /** {@code node}'s base address ({@code https://127.0.0.1:port/}). */
    URI address(String node) {
        return addresses.get(node);
    }

    /** {@code node}'s chunk store (opened on first use). */
    ChunkStore store(String node) throws IOException {
        ChunkStore store = stores.get(node);
        if (store == null) {
            store = ChunkStore.open(dir.resolve(node), 1 << 20);
            stores.put(node, store);
        }
        return store;
    }

    /** {@code node}'s client of the others' endpoints, counting into {@link #traffic}; addresses looked up when used. */
    PeerChunks peers(String node) {
        return new PeerChunks(Map.of(), other -> Optional.ofNullable(addresses.get(other)).map(URI::getAuthority), auth,
                tls.sslContext(), traffic(node));
    }

    /** The bytes {@code node} sent and fetched. */
    ChunkTraffic traffic(String node) {
        return traffic.computeIfAbsent(node, n -> new ChunkTraffic());
    }

    @Override
    public void close() {
        servers.forEach(DisposableServer::disposeNow);
        stores.values().forEach(ChunkStore::close);
    }
}

package dev.coffer.api.cluster;

import dev.coffer.api.config.ClusterProperties;
import dev.coffer.api.config.CofferProperties;
import dev.coffer.api.config.RootCredentials;
import dev.coffer.api.connection.ConnectionLimits;
import dev.coffer.api.ops.RootSignature;
import dev.coffer.api.server.ReservedPaths;
import dev.coffer.auth.RequestAuthenticator;
import java.time.Clock;
import java.util.Optional;
import dev.coffer.cluster.ClusterConfig;
import dev.coffer.cluster.ClusterNode;
import dev.coffer.cluster.ClusterTls;
import dev.coffer.metadata.Catalog;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import dev.coffer.api.service.ChunkPlacement;
import dev.coffer.storage.ChunkStore;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts this node's member of the catalogue's Raft group when {@code coffer.cluster.enabled};
 * otherwise nothing at all runs (a single node is exactly as before).
 */
@Configuration(proxyBeanMethods = false)
public class ClusterConfiguration {

    @Bean(destroyMethod = "close")
    ClusterRuntime clusterRuntime(ClusterProperties cluster, CofferProperties props, Catalog catalog, RootCredentials root,
                                  ConnectionLimits limits, @Value("${server.address:}") String s3Address) throws IOException {
        if (!cluster.enabled()) {
            return ClusterRuntime.single();
        }
        if (cluster.nodeId().isBlank() || cluster.peers().isBlank()) {
            throw new IllegalStateException("coffer.cluster.enabled needs coffer.cluster.node-id and coffer.cluster.peers");
        }
        chunkPeers(cluster); // fails the start at once when a member has no chunk port
        ClusterConfig config = new ClusterConfig(cluster.nodeId(), ClusterConfig.parsePeers(cluster.peers()),
                props.dataDir().resolve("cluster"), cluster.snapshotEvery(), cluster.logSegmentSize(), cluster.join(), root.secretKey(),
                limits.idleTimeout(), tls(cluster.tls()), cluster.bindAddress().isBlank() ? s3Address : cluster.bindAddress());
        ClusterRuntime runtime = new ClusterRuntime(ClusterNode.start(config, catalog));
        // Nodes started before this one learn where its chunk port answers (kind 72).
        String own = chunkPeers(cluster).get(cluster.nodeId());
        runtime.onceMember("announcing its chunk port " + own, () -> {
            if (!catalog.nodeAddresses().of(cluster.nodeId()).equals(Optional.of(own))) {
                catalog.nodeAddresses().set(cluster.nodeId(), own);
            }
        });
        return runtime;
    }

    /**
     * The Raft port's mutual TLS. A cluster node refuses to start without it: with no
     * certificates, anyone who reaches the Raft port could change the membership or pose as a
     * member (docs/cluster.md, "Certificates"); there is no insecure mode.
     */
    static ClusterTls tls(ClusterProperties.Tls tls) {
        if (tls.keyStore().isBlank() || tls.trustStore().isBlank() || tls.password().isEmpty()) {
            throw new IllegalStateException("coffer.cluster.enabled needs coffer.cluster.tls.key-store, coffer.cluster.tls.trust-store"
                    + " and coffer.cluster.tls.password (COFFER_CLUSTER_TLS_KEYSTORE, COFFER_CLUSTER_TLS_TRUSTSTORE,"
                    + " COFFER_CLUSTER_TLS_PASSWORD): members speak to each other over mutual TLS only."
                    + " scripts/cluster-certs.sh makes the files; see docs/cluster.md, \"Certificates\"");
        }
        return ClusterTls.load(java.nio.file.Path.of(tls.keyStore()), java.nio.file.Path.of(tls.trustStore()),
                tls.password().toCharArray());
    }

    /** The chunk bytes this node sends to and fetches from others; in metrics on a cluster node only. */
    @Bean
    ChunkTraffic chunkTraffic(ClusterRuntime runtime, PrometheusMeterRegistry registry) {
        ChunkTraffic traffic = new ChunkTraffic();
        return runtime.node().isPresent() ? traffic.bindTo(registry) : traffic;
    }

    /**
     * Where chunks are written and read: this node's disk alone, or R nodes of the cluster (whose
     * sending threads stop with the server).
     */
    @Bean(destroyMethod = "close")
    ChunkPlacement chunkPlacement(ClusterRuntime runtime, ClusterProperties cluster, ChunkStore chunks, RootCredentials root,
                                  Catalog catalog, ChunkTraffic traffic) {
        if (runtime.node().isEmpty()) return ChunkPlacement.local(chunks);
        ClusterNode node = runtime.node().get();
        Set<String> addresses = chunkPeers(cluster).keySet();
        Supplier<List<String>> members = () -> {
            try {
                return List.copyOf(node.members().keySet());
            } catch (IOException e) {
                return List.copyOf(addresses);
            }
        };
        PeerChunks peers = peerChunks(cluster, root, catalog, traffic, node);
        return new ClusterChunks(chunks, node.nodeId(), cluster.replicas(), members, catalog.drainingNodes()::all,
                peers, new PeerSpace(peers, node.nodeId(), members), catalog.chunkReplicas()::of);
    }

    /** The client of other nodes' chunk ports. */
    static PeerChunks peerChunks(ClusterProperties cluster, RootCredentials root, Catalog catalog, ChunkTraffic traffic,
                                 ClusterNode node) {
        return new PeerChunks(chunkPeers(cluster), catalog.nodeAddresses()::of, new NodeAuth(root.secretKey(), Clock.systemUTC()),
                node.tls().sslContext(), traffic);
    }

    /** {@code /_coffer/cluster/draining}: nodes that receive no new replica. */
    @Bean
    ReservedPaths.Endpoint drainingEndpoint(ClusterRuntime runtime, Catalog catalog, RootCredentials root) {
        RequestAuthenticator rootOnly = new RequestAuthenticator(accessKey -> accessKey.equals(root.accessKey())
                ? Optional.of(root.secretKey()) : Optional.empty(), Clock.systemUTC());
        return new ReservedPaths.Endpoint(DrainingEndpoint.PATH, new DrainingEndpoint(catalog, runtime.node().isPresent(),
                new RootSignature(rootOnly, root.accessKey())));
    }

    /**
     * {@code /_coffer/chunks/…}, other nodes' transfers to and from this one, on the chunk port
     * only (mutual TLS, on the port of this node's {@code chunk-peers} entry); none on a single node.
     * The S3 port answers these paths 404.
     */
    @Bean
    ChunkPort chunkPort(ClusterRuntime runtime, ClusterProperties cluster, ChunkStore chunks, RootCredentials root,
                        Catalog catalog, ChunkTraffic traffic, ConnectionLimits limits, ReactorResourceFactory resources,
                        ObjectProvider<NettyServerCustomizer> customizers, @Value("${server.address:}") String s3Address) {
        if (runtime.node().isEmpty()) return ChunkPort.none();
        ClusterNode node = runtime.node().get();
        ChunkTransferEndpoint endpoint = new ChunkTransferEndpoint(chunks, new NodeAuth(root.secretKey(), Clock.systemUTC()),
                node.nodeId(), peerChunks(cluster, root, catalog, traffic, node));
        String own = chunkPeers(cluster).get(node.nodeId());
        int port;
        try {
            port = Integer.parseInt(own.substring(own.lastIndexOf(':') + 1));
        } catch (RuntimeException e) {
            throw new IllegalStateException("coffer.cluster.chunk-peers gives " + node.nodeId() + " the address '" + own
                    + "': host:port, whose port this node's chunk port listens on", e);
        }
        return ChunkPort.serving(endpoint, node.tls(), cluster.bindAddress().isBlank() ? s3Address : cluster.bindAddress(),
                port, limits.bodyTimeout(), resources, customizers.orderedStream().toList());
    }

    /**
     * {@code coffer.cluster.chunk-peers} ({@code host:port}) by node id; it must name every member
     * of {@code peers}, since chunks are placed on them and read from them.
     */
    static Map<String, String> chunkPeers(ClusterProperties cluster) {
        Map<String, String> out = ClusterConfig.parsePeers(cluster.chunkPeers());
        Set<String> missing = new java.util.TreeSet<>(ClusterConfig.parsePeers(cluster.peers()).keySet());
        missing.removeAll(out.keySet());
        if (!missing.isEmpty()) {
            // coffer.cluster.http-peers (the S3 ports, before chunks moved to a port of their own) is read no more.
            throw new IllegalStateException("coffer.cluster.chunk-peers must give the chunk port (id=host:port) of every"
                    + " member of coffer.cluster.peers; missing: " + missing + " (it replaces coffer.cluster.http-peers:"
                    + " chunks travel over mutual TLS on a port of their own, docs/cluster.md)");
        }
        if (cluster.replicas() < 1) throw new IllegalStateException("coffer.cluster.replicas must be at least 1");
        return out;
    }

    @Bean
    ReservedPaths.Endpoint clusterEndpoint(ClusterRuntime runtime, RootCredentials root) {
        RequestAuthenticator rootOnly = new RequestAuthenticator(accessKey -> accessKey.equals(root.accessKey())
                ? Optional.of(root.secretKey()) : Optional.empty(), Clock.systemUTC());
        return new ReservedPaths.Endpoint(ClusterEndpoint.PATH,
                new ClusterEndpoint(runtime, new RootSignature(rootOnly, root.accessKey())));
    }
}

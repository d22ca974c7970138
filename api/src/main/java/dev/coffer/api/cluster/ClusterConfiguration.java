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
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import dev.coffer.api.service.ChunkPlacement;
import dev.coffer.storage.ChunkStore;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.springframework.beans.factory.annotation.Value;
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
        httpPeers(cluster); // fails the start at once when a member has no S3 address
        ClusterConfig config = new ClusterConfig(cluster.nodeId(), ClusterConfig.parsePeers(cluster.peers()),
                props.dataDir().resolve("cluster"), cluster.snapshotEvery(), cluster.logSegmentSize(), cluster.join(), root.secretKey(),
                limits.idleTimeout(), tls(cluster.tls()), cluster.bindAddress().isBlank() ? s3Address : cluster.bindAddress());
        ClusterRuntime runtime = new ClusterRuntime(ClusterNode.start(config, catalog));
        // Nodes started before this one learn where its chunk transfer endpoint answers (kind 72).
        String own = ClusterConfig.parsePeers(cluster.httpPeers()).get(cluster.nodeId());
        runtime.onceMember("announcing its S3 address " + own, () -> {
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
        Set<String> addresses = httpPeers(cluster).keySet();
        Supplier<List<String>> members = () -> {
            try {
                return List.copyOf(node.members().keySet());
            } catch (IOException e) {
                return List.copyOf(addresses);
            }
        };
        PeerChunks peers = peerChunks(cluster, root, catalog, traffic);
        return new ClusterChunks(chunks, node.nodeId(), cluster.replicas(), members, catalog.drainingNodes()::all,
                peers, new PeerSpace(peers, node.nodeId(), members), catalog.chunkReplicas()::of);
    }

    /** The client of other nodes' chunk transfer endpoints. */
    static PeerChunks peerChunks(ClusterProperties cluster, RootCredentials root, Catalog catalog, ChunkTraffic traffic) {
        return new PeerChunks(httpPeers(cluster), catalog.nodeAddresses()::of, new NodeAuth(root.secretKey(), Clock.systemUTC()),
                traffic);
    }

    /** {@code /_coffer/cluster/draining}: nodes that receive no new replica. */
    @Bean
    ReservedPaths.Endpoint drainingEndpoint(ClusterRuntime runtime, Catalog catalog, RootCredentials root) {
        RequestAuthenticator rootOnly = new RequestAuthenticator(accessKey -> accessKey.equals(root.accessKey())
                ? Optional.of(root.secretKey()) : Optional.empty(), Clock.systemUTC());
        return new ReservedPaths.Endpoint(DrainingEndpoint.PATH, new DrainingEndpoint(catalog, runtime.node().isPresent(),
                new RootSignature(rootOnly, root.accessKey())));
    }

    /** {@code /_coffer/chunks/…}: other nodes' transfers to and from this one (404 on a single node). */
    @Bean
    ReservedPaths.Endpoint chunkTransferEndpoint(ClusterRuntime runtime, ClusterProperties cluster, ChunkStore chunks,
                                                 RootCredentials root, Catalog catalog, ChunkTraffic traffic) {
        if (runtime.node().isEmpty()) {
            return new ReservedPaths.Endpoint(ChunkTransferEndpoint.PATH, new ChunkTransferEndpoint(chunks, null, null, null));
        }
        return new ReservedPaths.Endpoint(ChunkTransferEndpoint.PATH, new ChunkTransferEndpoint(chunks,
                new NodeAuth(root.secretKey(), Clock.systemUTC()), runtime.node().get().nodeId(),
                peerChunks(cluster, root, catalog, traffic)));
    }

    /**
     * {@code coffer.cluster.http-peers} by node id, as base URIs; it must name every member of
     * {@code peers}, since chunks are placed on them and read from them.
     */
    static Map<String, URI> httpPeers(ClusterProperties cluster) {
        Map<String, URI> out = new LinkedHashMap<>();
        ClusterConfig.parsePeers(cluster.httpPeers()).forEach((id, address) -> out.put(id, URI.create("http://" + address + "/")));
        Set<String> missing = new java.util.TreeSet<>(ClusterConfig.parsePeers(cluster.peers()).keySet());
        missing.removeAll(out.keySet());
        if (!missing.isEmpty()) {
            throw new IllegalStateException("coffer.cluster.http-peers must give the S3 address (id=host:port) of every"
                    + " member of coffer.cluster.peers; missing: " + missing);
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

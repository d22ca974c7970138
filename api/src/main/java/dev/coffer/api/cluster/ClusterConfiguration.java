package dev.coffer.api.cluster;

import dev.coffer.api.config.ClusterProperties;
import dev.coffer.api.config.CofferProperties;
import dev.coffer.api.config.RootCredentials;
import dev.coffer.api.ops.RootSignature;
import dev.coffer.api.server.ReservedPaths;
import dev.coffer.auth.RequestAuthenticator;
import java.time.Clock;
import java.util.Optional;
import dev.coffer.cluster.ClusterConfig;
import dev.coffer.cluster.ClusterNode;
import dev.coffer.metadata.Catalog;
import java.io.IOException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts this node's member of the catalogue's Raft group when {@code coffer.cluster.enabled};
 * otherwise nothing at all runs (a single node is exactly as before).
 */
@Configuration(proxyBeanMethods = false)
public class ClusterConfiguration {

    @Bean(destroyMethod = "close")
    ClusterRuntime clusterRuntime(ClusterProperties cluster, CofferProperties props, Catalog catalog) throws IOException {
        if (!cluster.enabled()) {
            return ClusterRuntime.single();
        }
        if (cluster.nodeId().isBlank() || cluster.peers().isBlank()) {
            throw new IllegalStateException("coffer.cluster.enabled needs coffer.cluster.node-id and coffer.cluster.peers");
        }
        ClusterConfig config = new ClusterConfig(cluster.nodeId(), ClusterConfig.parsePeers(cluster.peers()),
                props.dataDir().resolve("cluster"), cluster.snapshotEvery(), cluster.logSegmentSize(), cluster.join());
        return new ClusterRuntime(ClusterNode.start(config, catalog));
    }

    @Bean
    ReservedPaths.Endpoint clusterEndpoint(ClusterRuntime runtime, RootCredentials root) {
        RequestAuthenticator rootOnly = new RequestAuthenticator(accessKey -> accessKey.equals(root.accessKey())
                ? Optional.of(root.secretKey()) : Optional.empty(), Clock.systemUTC());
        return new ReservedPaths.Endpoint(ClusterEndpoint.PATH,
                new ClusterEndpoint(runtime, new RootSignature(rootOnly, root.accessKey())));
    }
}

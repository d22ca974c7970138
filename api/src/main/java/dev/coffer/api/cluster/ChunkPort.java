package dev.coffer.api.cluster;

import dev.coffer.api.connection.BodyTimeout;
import dev.coffer.cluster.ClusterTls;
import io.netty.handler.ssl.ClientAuth;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.boot.web.server.Shutdown;
import org.springframework.boot.web.server.WebServer;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.ReactorResourceFactory;
import reactor.core.publisher.Mono;
import reactor.netty.http.Http11SslContextSpec;

/**
 * The chunk port (docs/cluster.md, "Chunks on several nodes"): a Reactor Netty server of its own
 * that speaks mutual TLS only, serving {@link ChunkTransferEndpoint} and nothing else. The TLS
 * handshake refuses a caller without a certificate of the cluster's CA before any byte of HTTP;
 * behind it, each request must still be signed by a node ({@link NodeAuth}) and each body sealed.
 * Built as the drive's server is (Spring's shared event loops, Coffer's connection limits and
 * timeouts); it starts before the S3 port and stops after it.
 */
public final class ChunkPort implements SmartLifecycle {
    /** Before the S3 server's start-stop lifecycle (DEFAULT_PHASE - 2048 in Spring Boot), as the drive's. */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 3072;

    private final WebServer server;
    private final String setting;
    private volatile boolean running;

    private ChunkPort(WebServer server, String setting) {
        this.server = server;
        this.setting = setting;
    }

    /** A single node's: no chunk port at all. */
    static ChunkPort none() {
        return new ChunkPort(null, null);
    }

    /**
     * @param host the address to listen on; empty: every interface
     * @param port this node's entry in {@code coffer.cluster.chunk-peers}
     * @param customizers Coffer's Netty customizers (connection limits, timeouts), as the S3 server has them
     */
    static ChunkPort serving(ChunkTransferEndpoint endpoint, ClusterTls tls, String host, int port, Duration bodyTimeout,
                             ReactorResourceFactory resources, List<NettyServerCustomizer> customizers) {
        NettyReactiveWebServerFactory factory = new NettyReactiveWebServerFactory(port);
        factory.setResourceFactory(resources);
        factory.setShutdown(Shutdown.IMMEDIATE);
        if (!host.isBlank()) {
            try {
                factory.setAddress(InetAddress.getByName(host));
            } catch (UnknownHostException e) {
                throw new IllegalStateException("the chunk port cannot listen on " + host + " (coffer.cluster.bind-address,"
                        + " or server.address): no such address", e);
            }
        }
        factory.getServerCustomizers().addAll(customizers);
        factory.addServerCustomizers(server -> server.secure(spec -> spec.sslContext(mutualTls(tls))));
        WebServer server = factory.getWebServer((request, response) -> Mono.defer(() -> {
            String path = request.getURI().getRawPath();
            if (path.equals(ChunkTransferEndpoint.PATH) || path.startsWith(ChunkTransferEndpoint.PATH + "/")) {
                return endpoint.handle(BodyTimeout.apply(request, bodyTimeout), response);
            }
            response.setStatusCode(HttpStatus.NOT_FOUND);
            return response.setComplete();
        }));
        return new ChunkPort(server, (host.isBlank() ? "" : host) + ":" + port);
    }

    /** The server's TLS: this node's certificate, and a client's required, chaining to the cluster's CA. */
    static Http11SslContextSpec mutualTls(ClusterTls tls) {
        return Http11SslContextSpec.forServer(tls.keyManager())
                .configure(builder -> builder.trustManager(tls.trustManager()).clientAuth(ClientAuth.REQUIRE));
    }

    @Override
    public void start() {
        running = true;
        if (server == null) return;
        try {
            server.start();
        } catch (PortInUseException e) {
            throw new IllegalStateException("the chunk port cannot listen on " + setting + ": port " + e.getPort()
                    + " is in use (this node's entry in coffer.cluster.chunk-peers, on coffer.cluster.bind-address)", e);
        }
    }

    @Override
    public void stop() {
        if (server != null && running) server.stop();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}

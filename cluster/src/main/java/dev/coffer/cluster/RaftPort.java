package dev.coffer.cluster;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * The Raft port checked before Ratis starts: Ratis's gRPC server ends the whole process
 * ({@code System.exit(1)}, with the cause only in its log) when it cannot bind its port, so a
 * port another process holds is reported here instead, as an exception naming the port and the
 * settings that chose it.
 */
final class RaftPort {
    private RaftPort() {
    }

    /**
     * @throws IllegalStateException if this node's Raft port cannot be bound now
     */
    static void checkFree(ClusterConfig config) {
        int port = ClusterConfig.port(config.address());
        String host = config.bindHost();
        InetSocketAddress address = host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true); // as Ratis binds it: a connection of a previous run in TIME_WAIT does not count
            socket.bind(address);
        } catch (IOException e) {
            throw new IllegalStateException("this node's Raft port " + (host.isEmpty() ? "*" : host) + ":" + port
                    + " cannot be bound (" + e.getMessage() + "): another process holds it, or the address is not this"
                    + " machine's. The port is the one of this node's entry (" + config.nodeId() + "=" + config.address()
                    + ") in coffer.cluster.peers; the address is coffer.cluster.bind-address", e);
        }
    }
}

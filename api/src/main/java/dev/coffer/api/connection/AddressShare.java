package dev.coffer.api.connection;

import io.netty.channel.Channel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Caps the connections one client address holds at once, so that one client cannot take every
 * place {@link ConnectionCap} allows while the others wait: a connection past its address's share
 * is closed as soon as it is accepted, and counted ({@code coffer_connections_refused_total}).
 * Memory is bounded by the connections open: an address is remembered only while it holds one.
 * Behind a proxy every connection comes from the proxy's address: raise the share to the cap there.
 */
final class AddressShare {
    private final int max;
    private final ConcurrentHashMap<InetAddress, Integer> open = new ConcurrentHashMap<>();
    private final AtomicLong refused;

    /** @param refused counts each connection closed for its address's share */
    AddressShare(int max, AtomicLong refused) {
        this.max = max;
        this.refused = refused;
    }

    /**
     * A connection from {@code remote} was accepted: counted against its address until it closes;
     * closed at once when that address already holds its share.
     */
    void opened(Channel connection, SocketAddress remote) {
        if (!(remote instanceof InetSocketAddress inet) || inet.getAddress() == null) return;
        InetAddress address = inet.getAddress();
        int now = open.merge(address, 1, Integer::sum);
        connection.closeFuture().addListener(f -> open.computeIfPresent(address, (a, n) -> n == 1 ? null : n - 1));
        if (now > max) {
            refused.incrementAndGet();
            connection.close();
        }
    }

    /** Connections closed at once because their address held its share, since start. */
    long refused() {
        return refused.get();
    }

    /** The addresses holding a connection now. */
    int addresses() {
        return open.size();
    }
}

package dev.coffer.api.connection;

import io.netty.channel.Channel;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.netty.DisposableServer;

/**
 * Caps the connections served at once. At the cap the listening socket stops accepting (its
 * auto-read is turned off), so further clients wait in the kernel's accept queue, as Tomcat's
 * maxConnections makes them; accepting resumes when a connection closes. A connection accepted
 * past the cap in the same accept batch is closed at once. Never blocks: the auto-read flips run
 * as tasks on the listening channel's event loop, each reading the count as it then is, so the
 * last one to run always matches the final count.
 */
final class ConnectionCap {
    private final int max;
    private final AtomicInteger open = new AtomicInteger();
    private volatile Channel listener;

    ConnectionCap(int max) {
        this.max = max;
    }

    /** The listening socket, once bound. */
    void bound(DisposableServer server) {
        listener = server.channel();
        adjustAccepting();
    }

    /** A connection was accepted: counted until it closes; closed at once when it is past the cap. */
    void opened(Channel connection) {
        int now = open.incrementAndGet();
        connection.closeFuture().addListener(f -> {
            open.decrementAndGet();
            adjustAccepting();
        });
        if (now > max) {
            connection.close();
            return;
        }
        if (now == max) adjustAccepting();
    }

    int open() {
        return open.get();
    }

    private void adjustAccepting() {
        Channel l = listener;
        if (l == null) return;
        l.eventLoop().execute(() -> {
            boolean accept = open.get() < max;
            if (l.config().isAutoRead() != accept) l.config().setAutoRead(accept);
        });
    }
}

package dev.coffer.api.ui;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.boot.web.server.WebServer;
import org.springframework.context.SmartLifecycle;

/**
 * The drive's own HTTP server, a second Reactor Netty server in the same application context as
 * the S3 server, sharing its event loops (Spring's ReactorResourceFactory) and its server settings.
 * Stopping it disposes only its socket, never the shared loops. It starts before the S3 server and
 * stops after it, so the S3 port never redirects a browser to a drive that is not there. When its
 * port is taken, Coffer says so and serves S3 without the drive rather than not at all.
 */
public final class DriveUiServer implements SmartLifecycle {
    /** Before the S3 server's start-stop lifecycle (DEFAULT_PHASE - 2048 in Spring Boot). */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 3072;

    private static final Logger log = LoggerFactory.getLogger(DriveUiServer.class);

    private final WebServer server;
    private volatile boolean running;
    private volatile boolean listening;

    /** @param server the drive's server, or null when the drive is off ({@code coffer.ui.port} negative) */
    DriveUiServer(WebServer server) {
        this.server = server;
    }

    @Override
    public void start() {
        running = true;
        if (server == null) {
            return;
        }
        try {
            server.start();
            listening = true;
        } catch (PortInUseException e) {
            log.warn("Coffer Drive is off: port {} is in use. Set coffer.ui.port (COFFER_UI_PORT) to a free port "
                    + "for the drive; S3 is served as usual.", e.getPort());
        }
    }

    @Override
    public void stop() {
        if (listening) {
            server.stop();
        }
        listening = false;
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

    /** The port the drive listens on, or -1 when it is off or not started. */
    public int port() {
        return listening ? server.getPort() : -1;
    }
}

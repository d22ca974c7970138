package dev.coffer.api.connection;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long a client may keep the server waiting, and how many connections it holds at once.
 * Defaults are near Amazon S3's, which closes a socket that was "not read from or written to
 * within the timeout period" after about 20 s. Each is a {@code coffer.connection.*} setting
 * ({@code COFFER_CONNECTION_IDLE_TIMEOUT}, …); docker/nginx.conf's timeouts are chosen to agree.
 *
 * @param idleTimeout a connection with no request in progress and no byte moving is closed after this
 * @param headerTimeout a request's headers must be complete this long after the connection opened
 *     or the previous response ended, however slowly they trickle in; else the connection is closed
 * @param bodyTimeout a request body that delivers no byte for this long is refused with 400
 *     RequestTimeout (what was received is discarded) and the connection closed
 * @param writeTimeout a response write the client has not taken for this long (it stopped reading)
 *     closes the connection, which releases the files and chunk leases the download held
 * @param maxConnections connections served at once; beyond it the server stops accepting, so new
 *     ones wait in the kernel's accept queue until one closes
 * @param maxPerAddress connections one client address holds at once; one more is closed as soon as
 *     it is accepted (counted in {@code coffer_connections_refused_total}); behind a proxy, whose
 *     address every connection has, set it to {@code maxConnections}
 */
@ConfigurationProperties("coffer.connection")
public record ConnectionLimits(
        @DefaultValue("20s") Duration idleTimeout,
        @DefaultValue("20s") Duration headerTimeout,
        @DefaultValue("20s") Duration bodyTimeout,
        @DefaultValue("20s") Duration writeTimeout,
        @DefaultValue("1024") int maxConnections,
        @DefaultValue("512") int maxPerAddress) {

    public ConnectionLimits {
        requirePositive("idle-timeout", idleTimeout);
        requirePositive("header-timeout", headerTimeout);
        requirePositive("body-timeout", bodyTimeout);
        requirePositive("write-timeout", writeTimeout);
        if (maxConnections < 1) throw new IllegalArgumentException("coffer.connection.max-connections must be at least 1");
        if (maxPerAddress < 1) throw new IllegalArgumentException("coffer.connection.max-per-address must be at least 1");
    }

    private static void requirePositive(String name, Duration value) {
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException("coffer.connection." + name + " must be positive, not " + value);
        }
    }
}

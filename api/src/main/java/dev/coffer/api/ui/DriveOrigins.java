package dev.coffer.api.ui;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Where the drive and the S3 endpoint live, as a browser sees them. The drive is served on its own
 * origin so that no stored object (served by the S3 port) ever runs in the origin that holds the
 * drive's signing keys.
 *
 * <p>With {@code coffer.ui.origin} set, exactly those origins are the drive (the first is where a
 * browser opening the S3 port's {@code /} is sent). Unset, the drive is {@code http(s)://H:P} where
 * P is the drive's port and H is {@code localhost}, {@code 127.0.0.1}, {@code [::1]} or the host
 * name the S3 request itself was sent to — so the embedded defaults work from this machine and
 * from another one on the network, and nginx passing {@code Host} through keeps them working.
 * Likewise the S3 endpoint the drive is told to use is {@code coffer.ui.s3-endpoint}, or the host
 * name the drive was opened with on the S3 port.
 */
public final class DriveOrigins {
    /** A host name or IPv4 address, or a bracketed IPv6 literal: nothing that can break a header or JSON. */
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}]");
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

    private final List<String> configured;
    private final String s3Endpoint;
    private final IntSupplier drivePort;
    private final IntSupplier s3Port;

    /**
     * @param configured the drive's origins ({@code coffer.ui.origin}); empty = derived as above
     * @param s3Endpoint the S3 endpoint's origin for the drive ({@code coffer.ui.s3-endpoint}); blank = derived
     * @param drivePort the port the drive listens on, once bound (0 or less: no drive)
     * @param s3Port the port the S3 API listens on, once bound
     */
    public DriveOrigins(List<String> configured, String s3Endpoint, IntSupplier drivePort, IntSupplier s3Port) {
        this.configured = configured.stream().filter(s -> !s.isBlank()).map(s -> origin(s, "coffer.ui.origin")).toList();
        this.s3Endpoint = s3Endpoint == null || s3Endpoint.isBlank() ? "" : origin(s3Endpoint, "coffer.ui.s3-endpoint");
        this.drivePort = drivePort;
        this.s3Port = s3Port;
    }

    /** True when a request from {@code origin} (its Origin header) is the drive calling the S3 port. */
    public boolean allows(String origin, ServerHttpRequest request) {
        if (origin == null) {
            return false;
        }
        if (!configured.isEmpty()) {
            return configured.contains(origin.toLowerCase(Locale.ROOT));
        }
        int port = drivePort.getAsInt();
        URI uri;
        try {
            uri = new URI(origin);
        } catch (URISyntaxException e) {
            return false;
        }
        String scheme = uri.getScheme();
        String host = uri.getHost();
        if (port <= 0 || host == null || uri.getPort() != port || !("http".equals(scheme) || "https".equals(scheme))
                || !origin.equals(scheme + "://" + host + ":" + port)) {
            return false;
        }
        String lower = host.toLowerCase(Locale.ROOT);
        return LOOPBACK.contains(lower) || lower.equals(hostName(request).toLowerCase(Locale.ROOT));
    }

    /** Where a browser that opened the S3 port is sent: the drive's address, ending in '/'. */
    public String driveUrl(ServerHttpRequest request) {
        if (!configured.isEmpty()) {
            return configured.get(0) + "/";
        }
        return scheme(request) + "://" + hostName(request) + ":" + drivePort.getAsInt() + "/";
    }

    /** True when the drive is served at all (its port is bound, or its origin is set). */
    public boolean driveEnabled() {
        return !configured.isEmpty() || drivePort.getAsInt() > 0;
    }

    /** The S3 endpoint's origin for a drive page served to {@code request}, e.g. http://localhost:9000. */
    public String s3Endpoint(ServerHttpRequest request) {
        if (!s3Endpoint.isEmpty()) {
            return s3Endpoint;
        }
        return scheme(request) + "://" + hostName(request) + ":" + s3Port.getAsInt();
    }

    /** The host name of the request's Host header (port dropped), or localhost when it has none fit to repeat. */
    static String hostName(ServerHttpRequest request) {
        String host = request.getHeaders().getFirst("Host");
        if (host == null) {
            return "localhost";
        }
        int colon = host.lastIndexOf(':');
        String name = colon > host.lastIndexOf(']') ? host.substring(0, colon) : host;
        return HOST_NAME.matcher(name).matches() ? name : "localhost";
    }

    /** https when a TLS proxy in front says so (X-Forwarded-Proto), else http: Coffer itself speaks plain HTTP. */
    private static String scheme(ServerHttpRequest request) {
        return "https".equalsIgnoreCase(request.getHeaders().getFirst("X-Forwarded-Proto")) ? "https" : "http";
    }

    /** A configured origin, checked and normalised: scheme://host[:port], lower case, no path. */
    static String origin(String value, String setting) {
        String trimmed = value.trim();
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        try {
            URI uri = new URI(trimmed);
            boolean web = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
            if (!web || uri.getHost() == null || !HOST_NAME.matcher(uri.getHost()).matches() || uri.getRawUserInfo() != null
                    || !uri.getRawPath().isEmpty() || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new IllegalArgumentException(setting + " must be an origin like https://drive.example.com or "
                        + "http://host:9001 (scheme, host and port only), not " + value);
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(setting + " is not a URL: " + value, e);
        }
        return trimmed.toLowerCase(Locale.ROOT);
    }
}

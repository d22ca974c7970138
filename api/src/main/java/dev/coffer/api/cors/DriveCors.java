package dev.coffer.api.cors;

import dev.coffer.api.ui.DriveOrigins;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;

/**
 * The CORS the server grants, on its own, to the drive: the drive's page (its own origin, see
 * {@link DriveOrigins}) calls the S3 endpoint cross-origin. Requests from the drive's origin get
 * {@code Access-Control-Allow-Origin} on every response, errors included (the drive shows S3's
 * error in words), and every response header exposed (ETag, x-amz-version-id, x-amz-checksum-*,
 * x-amz-meta-*, … which the drive reads). A preflight from the drive is answered here. A request
 * from any other origin gets nothing from this class: no Access-Control-* header, and its
 * preflight goes on to the S3 path as before. No credentials mode: the drive signs each request
 * and sends no cookie, so {@code Access-Control-Allow-Credentials} is never sent.
 *
 * <p>Bucket CORS configurations (PutBucketCors) are evaluated beside this ({@link BucketCors},
 * {@link PreflightHandler}), for requests this class does not grant: the drive's grant comes first.
 */
public final class DriveCors {
    static final String METHODS = "GET, PUT, POST, DELETE, HEAD";
    private static final Set<String> METHOD_SET = Set.of("GET", "PUT", "POST", "DELETE", "HEAD");
    /** How long a browser may reuse a preflight answer (Chromium caps it at 2 hours). */
    static final String MAX_AGE_SECONDS = "3600";
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");
    /** Response headers a cross-origin script reads without being told (the CORS-safelisted ones). */
    private static final Set<String> SAFELISTED = Set.of("cache-control", "content-language", "content-length",
            "content-type", "expires", "last-modified", "pragma");

    private final DriveOrigins origins;

    public DriveCors(DriveOrigins origins) {
        this.origins = origins;
    }

    /** A preflight (OPTIONS with Origin and Access-Control-Request-Method) from the drive for a method it uses. */
    public boolean isDrivePreflight(ServerHttpRequest request) {
        HttpHeaders in = request.getHeaders();
        String method = in.getFirst(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD);
        return "OPTIONS".equals(request.getMethod().name()) && method != null && METHOD_SET.contains(method)
                && origins.allows(in.getFirst(HttpHeaders.ORIGIN), request);
    }

    /** Answers the drive's preflight: 200, the origin, the method and the headers it asked for. */
    public Mono<Void> preflight(ServerHttpRequest request, ServerHttpResponse response) {
        HttpHeaders in = request.getHeaders();
        HttpHeaders out = response.getHeaders();
        out.set(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, in.getFirst(HttpHeaders.ORIGIN));
        out.set(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, METHODS);
        String asked = in.getAccessControlRequestHeaders().stream()
                .flatMap(v -> Arrays.stream(v.split(",")))
                .map(String::trim)
                .filter(h -> TOKEN.matcher(h).matches())
                .map(h -> h.toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
        if (!asked.isEmpty()) {
            out.set(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, asked);
        }
        out.set(HttpHeaders.ACCESS_CONTROL_MAX_AGE, MAX_AGE_SECONDS);
        out.set(HttpHeaders.VARY, "Origin, Access-Control-Request-Headers, Access-Control-Request-Method");
        response.setStatusCode(HttpStatus.OK);
        return response.setComplete();
    }

    /**
     * For a request from the drive: allows its origin now, and just before the headers go out,
     * exposes every response header the browser would otherwise hide from the page.
     *
     * @return whether the request came from the drive (then no bucket CORS rule applies to it)
     */
    public boolean grant(ServerHttpRequest request, ServerHttpResponse response) {
        String origin = request.getHeaders().getFirst(HttpHeaders.ORIGIN);
        if (!origins.allows(origin, request)) {
            return false;
        }
        HttpHeaders out = response.getHeaders();
        out.set(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        out.add(HttpHeaders.VARY, HttpHeaders.ORIGIN);
        response.beforeCommit(() -> {
            String exposed = out.headerNames().stream()
                    .filter(name -> {
                        String lower = name.toLowerCase(Locale.ROOT);
                        return !SAFELISTED.contains(lower) && !lower.startsWith("access-control-") && !lower.equals("vary");
                    })
                    .collect(Collectors.joining(", "));
            if (!exposed.isEmpty()) {
                out.set(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, exposed);
            }
            return Mono.empty();
        });
        return true;
    }
}

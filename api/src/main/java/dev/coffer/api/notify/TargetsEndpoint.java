package dev.coffer.api.notify;

import static dev.coffer.api.ops.OpsResponses.json;
import static dev.coffer.api.ops.OpsResponses.jsonString;

import dev.coffer.api.notify.NotificationProperties.TargetProperties;
import dev.coffer.api.ops.RootSignature;
import dev.coffer.api.routing.QueryString;
import dev.coffer.api.service.BlockingIo;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;

/**
 * {@code /_coffer/admin/notifications/targets}: event-notification targets at run time, for the
 * root only (a request signed by the root key). {@code GET} lists every declared target (settings
 * and run-time ones) without their secrets: a password in the URI shows as {@code ****}, a token or
 * signing secret only as {@code "HasToken":true}. {@code PUT …/targets/<id>} adds or replaces one
 * from a form body ({@code application/x-www-form-urlencoded}: {@code type} = redis|webhook,
 * {@code uri}, {@code redis-mode}, {@code redis-key}, {@code redis-maxlen}, {@code token},
 * {@code secret}, {@code timeout}); {@code DELETE …/targets/<id>} removes one. A target declared in
 * settings cannot be changed here (409): the settings win. A PUT's form must be signed (SigV4, its
 * SHA-256 the payload hash), as IAM's are: a relay of the root's request cannot point it elsewhere.
 */
public final class TargetsEndpoint implements HttpHandler {
    public static final String PATH = "/_coffer/admin/notifications";
    private static final String TARGETS = PATH + "/targets";
    private static final int MAX_BODY = 64 * 1024;

    private final NotificationTargets targets;
    private final BlockingIo io;
    private final RootSignature signedByRoot;

    public TargetsEndpoint(NotificationTargets targets, BlockingIo io, RootSignature signedByRoot) {
        this.targets = targets;
        this.io = io;
        this.signedByRoot = signedByRoot;
    }

    @Override
    public Mono<Void> handle(ServerHttpRequest request, ServerHttpResponse response) {
        String path = request.getURI().getRawPath();
        String method = request.getMethod().name();
        boolean list = path.equals(TARGETS) || path.equals(TARGETS + "/");
        String id = !list && path.startsWith(TARGETS + "/") ? path.substring(TARGETS.length() + 1) : null;
        if (!list && id == null) return json(response, HttpStatus.NOT_FOUND, error("NotFound", "No such endpoint."));
        if (list ? !method.equals("GET") : !method.equals("PUT") && !method.equals("DELETE")) {
            response.getHeaders().set(HttpHeaders.ALLOW, list ? "GET" : "PUT, DELETE");
            return json(response, HttpStatus.METHOD_NOT_ALLOWED, error("MethodNotAllowed", method + " is not allowed here."));
        }
        // A PUT's form says what the target is: it must be what the root signed (RootSignature.testBody).
        boolean put = method.equals("PUT");
        Mono<byte[]> form = put ? DataBufferUtils.join(request.getBody(), MAX_BODY).map(TargetsEndpoint::bytes)
                .defaultIfEmpty(new byte[0]) : Mono.just(new byte[0]);
        return form.flatMap(body -> io.call(() -> put ? signedByRoot.testBody(request, body)
                : signedByRoot.test(request)).flatMap(root -> {
            if (!root) return json(response, HttpStatus.FORBIDDEN, error("AccessDenied", put
                    ? "Sign with the server's root key, SigV4 with the body's SHA-256 as the payload hash"
                            + " (not UNSIGNED-PAYLOAD, a presigned URL or SigV2)."
                    : "Sign with the server's root key."));
            if (list) return io.call(this::list).flatMap(listing -> json(response, HttpStatus.OK, listing));
            if (!NotificationTargets.ID.matcher(id).matches()) {
                return json(response, HttpStatus.BAD_REQUEST, error("ValidationError", "a target id is 1 to 64 of [A-Za-z0-9_-]"));
            }
            if (targets.inSettings(id)) {
                return json(response, HttpStatus.CONFLICT, error("DeclaredInSettings", "Target " + id
                        + " is declared in coffer.notifications.targets." + id + ".*; change it there."));
            }
            if (method.equals("DELETE")) {
                return io.call(() -> targets.remove(id)).flatMap(removed -> removed
                        ? noContent(response)
                        : json(response, HttpStatus.NOT_FOUND, error("NoSuchTarget", "No target " + id + ".")));
            }
            // Checking the form makes (and closes) the target's client, which blocks: off the event loop.
            return io.call(() -> {
                try {
                    TargetProperties target = parse(id, QueryString.parse(new String(body, StandardCharsets.UTF_8)));
                    targets.put(id, target);
                    return new Reply(HttpStatus.OK,
                            entry(new NotificationTargets.Declared(id, target, NotificationTargets.Source.ADMIN)));
                } catch (IllegalArgumentException bad) {
                    return new Reply(HttpStatus.BAD_REQUEST, error("ValidationError", bad.getMessage()));
                }
            }).flatMap(reply -> json(response, reply.status(), reply.body()));
        })).onErrorResume(DataBufferLimitException.class, tooLarge -> json(response, HttpStatus.BAD_REQUEST,
                error("ValidationError", "The form is larger than " + MAX_BODY + " bytes.")));
    }

    private record Reply(HttpStatus status, String body) {}

    /** The form's target, checked as a declared one is at start (its client is made, then closed). */
    static TargetProperties parse(String id, Map<String, String> form) {
        String type = form.getOrDefault("type", "").toLowerCase(Locale.ROOT);
        if (!type.equals("redis") && !type.equals("webhook")) throw new IllegalArgumentException("type must be redis or webhook");
        String uri = form.get("uri");
        if (uri == null || uri.isEmpty()) throw new IllegalArgumentException("uri is required");
        if (type.equals("redis") && !uri.startsWith("redis://") && !uri.startsWith("rediss://")) {
            throw new IllegalArgumentException("a redis target's uri is redis://… or rediss://…");
        }
        long maxlen;
        Duration timeout;
        try {
            maxlen = Long.parseLong(form.getOrDefault("redis-maxlen", "100000"));
            timeout = DurationStyle.detectAndParse(form.getOrDefault("timeout", "5s"));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("redis-maxlen is a number and timeout a duration (5s, 500ms)");
        }
        if (maxlen < 1 || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("redis-maxlen and timeout must be positive");
        }
        TargetProperties t = new TargetProperties(type, uri, form.getOrDefault("redis-mode", "stream"),
                form.getOrDefault("redis-key", "coffer-events"), maxlen, empty(form.get("token")), empty(form.get("secret")),
                timeout);
        try (Target client = Target.of(id, t)) {
            return t;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("bad target: " + e.getMessage());
        }
    }

    private String list() {
        StringJoiner out = new StringJoiner(",", "{\"Targets\":[", "]}\n");
        targets.all().values().forEach(d -> out.add(entry(d)));
        return out.toString();
    }

    /** One target as listed: never its password, token or secret. */
    static String entry(NotificationTargets.Declared d) {
        TargetProperties t = d.target();
        StringBuilder out = new StringBuilder("{\"Id\":").append(jsonString(d.id()))
                .append(",\"Arn\":").append(jsonString(d.arn()))
                .append(",\"Type\":").append(jsonString(String.valueOf(t.type())))
                .append(",\"Uri\":").append(jsonString(redacted(t.uri())))
                .append(",\"Source\":").append(jsonString(d.source().name().toLowerCase(Locale.ROOT)));
        if ("redis".equalsIgnoreCase(t.type())) {
            out.append(",\"RedisMode\":").append(jsonString(t.redisMode()))
                    .append(",\"RedisKey\":").append(jsonString(t.redisKey()));
        }
        return out.append(",\"HasToken\":").append(t.token() != null)
                .append(",\"HasSecret\":").append(t.secret() != null).append('}').toString();
    }

    /** The URI with the password of its user info as {@code ****} ({@code redis://user:****@host}). */
    static String redacted(String uri) {
        if (uri == null) return "";
        int scheme = uri.indexOf("://");
        int at = scheme < 0 ? -1 : uri.indexOf('@', scheme + 3);
        int slash = scheme < 0 ? -1 : uri.indexOf('/', scheme + 3);
        if (at < 0 || (slash >= 0 && slash < at)) return uri;
        String info = uri.substring(scheme + 3, at);
        int colon = info.indexOf(':');
        String user = colon < 0 ? "" : info.substring(0, colon);
        return uri.substring(0, scheme + 3) + user + ":****" + uri.substring(at);
    }

    private static String empty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static byte[] bytes(DataBuffer buffer) {
        try {
            byte[] out = new byte[buffer.readableByteCount()];
            buffer.read(out);
            return out;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }

    private static String error(String code, String message) {
        return "{\"error\":" + jsonString(code) + ",\"message\":" + jsonString(message) + "}\n";
    }

    private static Mono<Void> noContent(ServerHttpResponse response) {
        response.setStatusCode(HttpStatus.NO_CONTENT);
        return response.setComplete();
    }
}

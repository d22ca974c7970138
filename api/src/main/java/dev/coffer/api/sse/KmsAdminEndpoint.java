package dev.coffer.api.sse;

import dev.coffer.api.service.BlockingIo;
import java.time.Instant;
import java.util.StringJoiner;
import java.util.function.Predicate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;

/**
 * {@code /_coffer/admin/kms/keys}: the built-in key ring's keys, for the root only (a request
 * signed by the root key, SigV4 or SigV2). {@code GET} lists them, {@code POST} creates one
 * ({@code ?description=…} optional); both answer JSON shaped as AWS KMS's ListKeys / CreateKey
 * ({@code {"Keys":[{"KeyId":…,"KeyArn":…}]}}, {@code {"KeyMetadata":{"KeyId":…,"Arn":…,…}}}).
 * For example: {@code curl --aws-sigv4 aws:amz:us-east-1:s3 --user KEY:SECRET -X POST
 * -H "x-amz-content-sha256: UNSIGNED-PAYLOAD" http://localhost:9000/_coffer/admin/kms/keys}.
 */
public final class KmsAdminEndpoint implements HttpHandler {
    public static final String PATH = "/_coffer/admin/kms";
    private static final String KEYS = PATH + "/keys";

    private final KeyRing keyRing;
    private final BlockingIo io;
    private final Predicate<ServerHttpRequest> signedByRoot;

    public KmsAdminEndpoint(KeyRing keyRing, BlockingIo io, Predicate<ServerHttpRequest> signedByRoot) {
        this.keyRing = keyRing;
        this.io = io;
        this.signedByRoot = signedByRoot;
    }

    @Override
    public Mono<Void> handle(ServerHttpRequest request, ServerHttpResponse response) {
        String path = request.getURI().getRawPath();
        if (!path.equals(KEYS) && !path.equals(KEYS + "/")) return json(response, HttpStatus.NOT_FOUND, error("NotFound"));
        HttpMethod method = request.getMethod();
        if (!HttpMethod.GET.equals(method) && !HttpMethod.POST.equals(method)) {
            response.getHeaders().set(HttpHeaders.ALLOW, "GET, POST");
            return json(response, HttpStatus.METHOD_NOT_ALLOWED, error("MethodNotAllowed"));
        }
        // The signature check may look up keys: keep it off the event loop, as every key-ring call.
        return io.call(() -> {
            if (!signedByRoot.test(request)) return null;
            if (HttpMethod.GET.equals(method)) {
                StringJoiner keys = new StringJoiner(",", "{\"Keys\":[", "]}");
                keyRing.list().forEach(k -> keys.add("{\"KeyId\":" + quote(k.keyId()) + ",\"KeyArn\":" + quote(k.arn()) + "}"));
                return keys.toString();
            }
            String description = request.getQueryParams().getFirst("description");
            KeyRing.KeyInfo key = keyRing.create(description == null ? "" : description);
            return "{\"KeyMetadata\":{\"KeyId\":" + quote(key.keyId()) + ",\"Arn\":" + quote(key.arn())
                    + ",\"CreationDate\":" + quote(Instant.ofEpochMilli(key.createdMillis()).toString())
                    + ",\"Description\":" + quote(description == null ? "" : description)
                    + ",\"KeyState\":\"Enabled\",\"KeyUsage\":\"ENCRYPT_DECRYPT\"}}";
        }).flatMap(body -> json(response, HttpStatus.OK, body))
                .switchIfEmpty(Mono.defer(() -> json(response, HttpStatus.FORBIDDEN, error("AccessDenied"))));
    }

    private static String error(String code) {
        return "{\"__type\":" + quote(code) + "}";
    }

    private static Mono<Void> json(ServerHttpResponse response, HttpStatus status, String body) {
        return dev.coffer.api.ops.OpsResponses.json(response, status, body);
    }

    private static String quote(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') out.append('\\').append(c);
            else if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
            else out.append(c);
        }
        return out.append('"').toString();
    }
}

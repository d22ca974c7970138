package dev.coffer.api.ops;

import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;

/** The small reply helpers the ops endpoints share: GET/HEAD only, text bodies, no caching. */
public final class OpsResponses {
    private OpsResponses() {}

    /** {@code text} as a JSON string (health's problems carry RocksDB's and the OS's words). */
    public static String jsonString(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') out.append('\\').append(c);
            else if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
            else out.append(c);
        }
        return out.append('"').toString();
    }

    /** A JSON reply (admin endpoints), not cached. */
    public static Mono<Void> json(ServerHttpResponse response, HttpStatus status, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setStatusCode(status);
        response.getHeaders().set(HttpHeaders.CONTENT_TYPE, "application/json");
        response.getHeaders().set(HttpHeaders.CACHE_CONTROL, "no-store");
        response.getHeaders().setContentLength(bytes.length);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
    }

    static boolean isGetOrHead(ServerHttpRequest request) {
        return HttpMethod.GET.equals(request.getMethod()) || HttpMethod.HEAD.equals(request.getMethod());
    }

    static Mono<Void> methodNotAllowed(ServerHttpResponse response) {
        response.setStatusCode(HttpStatus.METHOD_NOT_ALLOWED);
        response.getHeaders().set(HttpHeaders.ALLOW, "GET, HEAD");
        return response.setComplete();
    }

    /** Writes {@code body} with its length; HEAD gets the headers only. */
    static Mono<Void> text(ServerHttpRequest request, ServerHttpResponse response, HttpStatus status,
                           String contentType, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setStatusCode(status);
        HttpHeaders h = response.getHeaders();
        h.set(HttpHeaders.CONTENT_TYPE, contentType);
        h.set(HttpHeaders.CACHE_CONTROL, "no-store");
        h.setContentLength(bytes.length);
        if (HttpMethod.HEAD.equals(request.getMethod())) {
            return response.setComplete();
        }
        return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
    }
}

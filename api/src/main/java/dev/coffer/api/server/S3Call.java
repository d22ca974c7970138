package dev.coffer.api.server;

import dev.coffer.api.authz.RequestAccess;
import dev.coffer.api.routing.S3Request;
import dev.coffer.auth.AuthResult;
import java.nio.ByteBuffer;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One authenticated and authorized S3 request on its way through a handler.
 *
 * @param access the request's principal, for the checks the handler asks beyond its operation's
 *     own (each key of DeleteObjects, a copy's source, a POST form's key)
 */
public record S3Call(S3Request s3, ServerHttpRequest http, ServerHttpResponse response, AuthResult auth,
                     RequestAccess access, String requestId) {

    public String header(String name) {
        return http.getHeaders().getFirst(name);
    }

    public HttpHeaders requestHeaders() {
        return http.getHeaders();
    }

    public HttpHeaders responseHeaders() {
        return response.getHeaders();
    }

    public Flux<DataBuffer> rawBody() {
        return http.getBody();
    }

    public boolean isHead() {
        return "HEAD".equals(http.getMethod().name());
    }

    /** Completes the response with a status and no body (nothing happens until subscribed). */
    public Mono<Void> empty(HttpStatus status) {
        return Mono.defer(() -> emptyNow(status));
    }

    private Mono<Void> emptyNow(HttpStatus status) {
        response.setStatusCode(status);
        if (status != HttpStatus.NO_CONTENT && status != HttpStatus.NOT_MODIFIED && !isHead()) {
            response.getHeaders().setContentLength(0);
        }
        return response.setComplete();
    }

    /** Completes the response with an XML document (nothing happens until subscribed). */
    public Mono<Void> xml(HttpStatus status, byte[] document) {
        return xml(status, ByteBuffer.wrap(document));
    }

    /** The same, for a document's bytes where they were written (a listing's, see S3Xml.render). */
    public Mono<Void> xml(HttpStatus status, ByteBuffer document) {
        return Mono.defer(() -> xmlNow(status, document));
    }

    private Mono<Void> xmlNow(HttpStatus status, ByteBuffer document) {
        response.setStatusCode(status);
        response.getHeaders().set(HttpHeaders.CONTENT_TYPE, "application/xml");
        response.getHeaders().setContentLength(document.remaining());
        return response.writeWith(Mono.just(response.bufferFactory().wrap(document)));
    }
}

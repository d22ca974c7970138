package dev.coffer.api.server;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3ErrorXml;
import dev.coffer.api.error.S3Exception;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;

/**
 * Renders every failure in one place: the S3 Error document with the code's status (no body for
 * HEAD and 304), 5xx logged with the stack trace, 4xx quietly, always with the request id.
 */
final class ErrorResponder {
    private static final Logger log = LoggerFactory.getLogger(ErrorResponder.class);

    private ErrorResponder() {}

    static Mono<Void> write(ServerHttpResponse response, String resource, String requestId, boolean head, Throwable error) {
        S3Exception e = ExceptionTranslator.translate(error);
        if (e.code() == S3ErrorCode.NotImplemented || e.code() == S3ErrorCode.ServiceUnavailable
                || e.code() == S3ErrorCode.SlowDown) {
            // Not a fault of the server's code: a feature it does not have, or a state it is in
            // (a full disk); one line, so that a retrying client does not flood the log with traces.
            log.warn("request {} on {}: {} {}", requestId, resource, e.code().code(), e.getMessage());
        } else if (e.code().status() >= 500) {
            log.error("request {} on {} failed", requestId, resource, e.getCause() != null ? e.getCause() : e);
        } else {
            // The client's mistake (a MalformedXML carries the parser's complaint): one line, no trace.
            log.debug("request {} on {}: {} {}{}", requestId, resource, e.code().code(), e.getMessage(),
                    e.getCause() == null ? "" : " (" + e.getCause().toString().replaceAll("\\s+", " ") + ")");
        }
        if (response.isCommitted()) {
            // Headers are gone: the only honest signal left is to abort the connection.
            return Mono.error(error);
        }
        HttpHeaders h = response.getHeaders();
        h.remove(HttpHeaders.CONTENT_LENGTH);
        h.remove(HttpHeaders.CONTENT_RANGE);
        h.remove(HttpHeaders.ETAG);
        h.remove(HttpHeaders.LAST_MODIFIED);
        h.remove(HttpHeaders.CONTENT_TYPE);
        // The object's checksums describe a body this response does not carry: an SDK that validates
        // them (boto3 asks with x-amz-checksum-mode) would check the error document against them.
        java.util.List.copyOf(h.headerNames()).stream()
                .filter(name -> name.toLowerCase(java.util.Locale.ROOT).startsWith("x-amz-checksum-")).forEach(h::remove);
        e.headers().forEach(h::set);
        response.setStatusCode(HttpStatusCode.valueOf(e.code().status()));
        if (head || e.code() == S3ErrorCode.NotModified) {
            return response.setComplete();
        }
        S3Exception withResource = e.resource() == null ? e.withResource(resource) : e;
        byte[] body = S3ErrorXml.render(withResource, requestId);
        h.set(HttpHeaders.CONTENT_TYPE, "application/xml");
        h.setContentLength(body.length);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}

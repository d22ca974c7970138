package dev.coffer.api.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

class ObservingHttpHandlerTest {
    private final List<CompletedRequest> seen = new ArrayList<>();

    /** Reads the body, notes a resolved operation, answers with a two-part body. */
    private final HttpHandler echo = (request, response) -> {
        RequestTrace.of(request).resolved("PUT_OBJECT", "bucket", "a/key");
        response.getHeaders().set("x-amz-request-id", "REQ1");
        response.setStatusCode(HttpStatus.CREATED);
        return DataBufferUtils.join(request.getBody()).flatMap(body -> {
            DataBufferUtils.release(body);
            return response.writeWith(Flux.just("abc", "defg").map(s -> response.bufferFactory()
                    .wrap(s.getBytes(StandardCharsets.UTF_8))));
        });
    };

    @Test
    void countsBytesBothWaysAndReportsTheResolvedOperation() {
        ObservingHttpHandler handler = new ObservingHttpHandler(echo, List.of(seen::add));
        MockServerHttpRequest request = MockServerHttpRequest.put("/bucket/a/key").body("0123456789");
        handler.handle(request, new MockServerHttpResponse()).block();
        assertThat(seen).hasSize(1);
        CompletedRequest r = seen.get(0);
        assertThat(r.operation()).isEqualTo("PUT_OBJECT");
        assertThat(r.bucket()).isEqualTo("bucket");
        assertThat(r.keyLength()).isEqualTo(5);
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.bytesIn()).isEqualTo(10);
        assertThat(r.bytesOut()).isEqualTo(7);
        assertThat(r.requestId()).isEqualTo("REQ1");
        assertThat(r.outcome()).isEqualTo("ok");
        assertThat(r.durationNanos()).isPositive();
    }

    @Test
    void theTraceIsFoundThroughADecoratorTheHandlerPutsAroundTheRequest() {
        HttpHandler decorating = (request, response) -> {
            RequestTrace.of(new ServerHttpRequestDecorator(request)).resolved("GET_OBJECT", "b", "k");
            return response.setComplete();
        };
        new ObservingHttpHandler(decorating, List.of(seen::add))
                .handle(MockServerHttpRequest.get("/b/k").build(), new MockServerHttpResponse()).block();
        assertThat(seen.get(0).operation()).isEqualTo("GET_OBJECT");
    }

    @Test
    void anErrorCodeAndAChecksumFailureAreReported() {
        HttpHandler failing = (request, response) -> {
            RequestTrace.of(request).failed("BadDigest", null);
            response.setStatusCode(HttpStatus.BAD_REQUEST);
            return response.setComplete();
        };
        new ObservingHttpHandler(failing, List.of(seen::add))
                .handle(MockServerHttpRequest.put("/b/k").build(), new MockServerHttpResponse()).block();
        assertThat(seen.get(0).errorCode()).isEqualTo("BadDigest");
        assertThat(seen.get(0).checksumFailure()).isEqualTo("BadDigest");
        assertThat(seen.get(0).operation()).isEqualTo("UNKNOWN");
    }

    @Test
    void aCorruptChunkAnywhereInTheCauseChainCountsAsAChunkCrcFailure() {
        RequestTrace trace = new RequestTrace(0);
        trace.failed("InternalError", new RuntimeException(new dev.coffer.storage.ChunkCorruptedException(dev.coffer.storage.ChunkId.random(), "bad block")));
        assertThat(trace.checksumFailure()).isEqualTo(RequestTrace.CHUNK_CRC);
    }

    @Test
    void reservedPathsAreReportedAsCofferEndpoints() {
        HttpHandler ok = (request, response) -> Mono.empty();
        new ObservingHttpHandler(ok, List.of(seen::add))
                .handle(MockServerHttpRequest.get("/_coffer/health").build(), new MockServerHttpResponse()).block();
        assertThat(seen.get(0).operation()).isEqualTo("COFFER_ENDPOINT");
        assertThat(seen.get(0).status()).isEqualTo(200);
    }
}

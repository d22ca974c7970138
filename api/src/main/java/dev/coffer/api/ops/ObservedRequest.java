package dev.coffer.api.ops;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import reactor.core.publisher.Flux;

/** The request as the server's handler sees it: the same, plus its trace and a byte count of its body. */
final class ObservedRequest extends ServerHttpRequestDecorator implements RequestTrace.Carrier {
    private final RequestTrace trace;

    ObservedRequest(ServerHttpRequest delegate, RequestTrace trace) {
        super(delegate);
        this.trace = trace;
    }

    @Override
    public RequestTrace trace() {
        return trace;
    }

    @Override
    public Flux<DataBuffer> getBody() {
        return super.getBody().doOnNext(buffer -> trace.addIn(buffer.readableByteCount()));
    }
}

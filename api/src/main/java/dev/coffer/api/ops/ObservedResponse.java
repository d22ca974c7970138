package dev.coffer.api.ops;

import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The response with a byte count of its body; a Mono body stays a Mono (the server sizes those itself). */
final class ObservedResponse extends ServerHttpResponseDecorator {
    private final RequestTrace trace;

    ObservedResponse(ServerHttpResponse delegate, RequestTrace trace) {
        super(delegate);
        this.trace = trace;
    }

    @Override
    public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
        if (body instanceof Mono<? extends DataBuffer> mono) {
            return super.writeWith(mono.doOnNext(this::count));
        }
        return super.writeWith(Flux.from(body).doOnNext(this::count));
    }

    @Override
    public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
        return super.writeAndFlushWith(Flux.from(body).map(inner -> Flux.from(inner).doOnNext(this::count)));
    }

    private void count(DataBuffer buffer) {
        trace.addOut(buffer.readableByteCount());
    }
}

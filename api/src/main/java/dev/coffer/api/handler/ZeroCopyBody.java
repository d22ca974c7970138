package dev.coffer.api.handler;

import dev.coffer.api.ops.RequestTrace;
import io.netty.buffer.ByteBuf;
import io.netty.channel.FileRegion;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.ReferenceCounted;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A GET's body written as Netty messages (file regions the kernel sends, or buffers) through
 * Reactor Netty's own response: Spring's {@code ZeroCopyHttpOutputMessage} takes one file per
 * response, and an object may span several chunks. Spring still writes the status and headers.
 */
final class ZeroCopyBody {
    private ZeroCopyBody() {}

    /** Reactor Netty's response under Spring's (and its decorators), or null (a test's mock response). */
    static HttpServerResponse nettyResponse(ServerHttpResponse response) {
        try {
            Object netty = ServerHttpResponseDecorator.getNativeResponse(response);
            return netty instanceof HttpServerResponse r ? r : null;
        } catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException e) {
            return null;
        }
    }

    /**
     * Commits the response once the first message is ready (so a chunk that fails before any byte
     * still answers with an error document, as the buffered path does), then writes and flushes
     * each message in turn, the next being checked meanwhile. One at a time, not through Reactor
     * Netty's send of a Publisher: its MonoSendMany drops a message whose size it reads as 0, and
     * it reads every FileRegion's as 0.
     */
    static Mono<Void> send(ServerHttpResponse response, HttpServerResponse netty, RequestTrace trace,
                           Flux<Object> messages) {
        return messages.switchOnFirst((first, all) -> first.hasValue()
                        ? response.setComplete().then(all.concatMap(m -> {
                            trace.addOut(size(m));
                            // A buffer goes as HTTP content, the path a FileRegion takes: Reactor
                            // Netty sends a bare first ByteBuf as a whole response (headers and that
                            // body alone), and a multi-block object read from another node was cut.
                            return netty.sendObject(m instanceof ByteBuf b ? new DefaultHttpContent(b) : m).then();
                        }, 1).then())
                        : all.then())
                .doOnDiscard(ReferenceCounted.class, ReferenceCountUtil::release)
                .then();
    }

    private static int size(Object message) {
        return message instanceof FileRegion region ? (int) region.count() : ((ByteBuf) message).readableBytes();
    }
}

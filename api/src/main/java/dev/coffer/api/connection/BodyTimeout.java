package dev.coffer.api.connection;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import java.time.Duration;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import reactor.core.publisher.Flux;

/**
 * A request whose body fails with 400 RequestTimeout when no byte of it arrives for the body
 * timeout, as S3 answers a stalled upload. Every reader of a body (uploads, XML documents, POST
 * forms) reads it through {@link #getBody()}, so each sees the same deadline; the reader's own
 * error path then discards what it stored (an upload's temporary chunk). The error carries
 * {@code Connection: close}: the rest of the body, if it ever comes, is not waited for.
 *
 * <p>The clock is Reactor's parallel timer, restarted at each buffer delivered; a buffer held
 * back by the reader (a disk slower than the timeout) counts as a stall too.
 */
public final class BodyTimeout extends ServerHttpRequestDecorator {
    private final Duration timeout;

    private BodyTimeout(ServerHttpRequest delegate, Duration timeout) {
        super(delegate);
        this.timeout = timeout;
    }

    public static ServerHttpRequest apply(ServerHttpRequest request, Duration timeout) {
        return new BodyTimeout(request, timeout);
    }

    @Override
    public Flux<DataBuffer> getBody() {
        return super.getBody().timeout(timeout, Flux.error(() -> S3Exception.of(S3ErrorCode.RequestTimeout)
                .withHeader("Connection", "close")));
    }
}

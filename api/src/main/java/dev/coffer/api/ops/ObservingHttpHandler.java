package dev.coffer.api.ops;

import dev.coffer.api.server.ReservedPaths;
import java.net.InetSocketAddress;
import java.util.List;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * Wraps the server's handler: every request gets a {@link RequestTrace}, and when it ends, one
 * {@link CompletedRequest} goes to each listener (metrics, access log). Nothing here blocks:
 * counting is arithmetic on the event loop and the listeners only enqueue or bump counters.
 */
public final class ObservingHttpHandler implements HttpHandler {
    /** Receives every finished request; must not block. */
    public interface Listener {
        void completed(CompletedRequest request);
    }

    private final HttpHandler delegate;
    private final List<Listener> listeners;

    public ObservingHttpHandler(HttpHandler delegate, List<Listener> listeners) {
        this.delegate = delegate;
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public Mono<Void> handle(ServerHttpRequest request, ServerHttpResponse response) {
        RequestTrace trace = new RequestTrace(System.nanoTime());
        ObservedRequest observed = new ObservedRequest(request, trace);
        ObservedResponse counted = new ObservedResponse(response, trace);
        return Mono.defer(() -> delegate.handle(observed, counted))
                .doFinally(signal -> finish(request, response, trace, signal));
    }

    private void finish(ServerHttpRequest request, ServerHttpResponse response, RequestTrace trace, SignalType signal) {
        CompletedRequest done = complete(request, response, trace, signal, System.nanoTime());
        for (Listener listener : listeners) {
            listener.completed(done);
        }
    }

    static CompletedRequest complete(ServerHttpRequest request, ServerHttpResponse response, RequestTrace trace,
                                     SignalType signal, long endNanos) {
        String outcome = signal == SignalType.CANCEL ? "cancelled" : signal == SignalType.ON_ERROR ? "error" : "ok";
        HttpStatusCode code = response.getStatusCode();
        int status = code != null ? code.value() : signal == SignalType.CANCEL ? 499 : 200;
        String operation = trace.operation();
        if (operation == null) {
            operation = ReservedPaths.isReserved(request.getURI().getRawPath()) ? "COFFER_ENDPOINT" : "UNKNOWN";
        }
        return new CompletedRequest(request.getMethod().name(), operation, trace.bucket(), trace.keyLength(), status,
                trace.bytesIn(), trace.bytesOut(), endNanos - trace.startNanos(),
                response.getHeaders().getFirst("x-amz-request-id"), trace.errorCode(), trace.checksumFailure(),
                outcome, client(request));
    }

    private static String client(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        String peer = remote == null || remote.getAddress() == null ? "-" : remote.getAddress().getHostAddress();
        String forwarded = request.getHeaders().getFirst("X-Forwarded-For");
        return forwarded == null ? peer : peer + "/" + forwarded;
    }
}

package dev.coffer.api.server;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import reactor.netty.http.server.HttpServerRequest;

/**
 * The request's headers by lower-case name, in one pass: every value ({@code all}, for the
 * signature check) and the first of each ({@code first}, for routing and the handlers), names in
 * the order they first came, values in the order they came.
 *
 * <p>On the server the pass runs over Netty's headers as decoded: Spring's read-only view of them
 * copies every entry into a new set through a stream on each iteration (7% of a GET 4 KiB's
 * event-loop samples, docs/benchmarks.md "GET 4 KiB, session 14"). The decorators around the
 * request at this point (the observation's, the body timeout's) leave its headers as they are; a
 * request with no Netty request inside (a test's mock) is read through Spring's view.
 */
final class RequestHeaders {
    private RequestHeaders() {
    }

    static void read(ServerHttpRequest request, Map<String, List<String>> all, Map<String, String> first) {
        io.netty.handler.codec.http.HttpHeaders netty = netty(request);
        if (netty != null) {
            Iterator<Map.Entry<CharSequence, CharSequence>> entries = netty.iteratorCharSequence();
            while (entries.hasNext()) {
                Map.Entry<CharSequence, CharSequence> entry = entries.next();
                add(entry.getKey().toString(), entry.getValue().toString(), all, first);
            }
            return;
        }
        for (Map.Entry<String, List<String>> header : request.getHeaders().headerSet()) {
            for (String value : header.getValue()) add(header.getKey(), value, all, first);
        }
    }

    private static void add(String rawName, String value, Map<String, List<String>> all, Map<String, String> first) {
        String name = rawName.toLowerCase(Locale.ROOT); // the same String when already lower case
        List<String> values = all.get(name);
        if (values == null) {
            values = new ArrayList<>(1);
            all.put(name, values);
            first.put(name, value);
        }
        values.add(value);
    }

    /** Netty's headers of a request the server received (through any decorators), else null. */
    private static io.netty.handler.codec.http.HttpHeaders netty(ServerHttpRequest request) {
        ServerHttpRequest r = request;
        while (r instanceof ServerHttpRequestDecorator decorator) r = decorator.getDelegate();
        if (!(r instanceof org.springframework.http.server.reactive.AbstractServerHttpRequest)) return null;
        try {
            return ServerHttpRequestDecorator.getNativeRequest(r) instanceof HttpServerRequest netty
                    ? netty.requestHeaders() : null;
        } catch (IllegalArgumentException | IllegalStateException e) { // a mock request has no native one
            return null;
        }
    }
}

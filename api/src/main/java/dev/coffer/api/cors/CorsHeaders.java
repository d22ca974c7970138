package dev.coffer.api.cors;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpHeaders;

/**
 * What a CORS request asks (origin, method, headers) and the Access-Control-* headers S3 answers a
 * matching rule with, on a preflight and on the actual request alike: the origin (or {@code *}
 * when the rule lists {@code *}, then without credentials), the rule's methods, the requested
 * headers in lower case, the rule's expose headers and max age, and {@code Vary}.
 */
public final class CorsHeaders {
    /** S3 sends this Vary with every answer a rule matched, preflight or not. */
    public static final String VARY = "Origin, Access-Control-Request-Headers, Access-Control-Request-Method";

    private CorsHeaders() {}

    /**
     * The names in every {@code Access-Control-Request-Headers} value, in the order sent, lower
     * case, empty items dropped (a browser sends them sorted, lower case, joined by a bare comma).
     */
    public static List<String> requestedHeaders(HttpHeaders in) {
        List<String> names = new ArrayList<>();
        for (String value : in.getOrEmpty(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS)) {
            for (String item : value.split(",")) {
                String name = item.trim();
                if (!name.isEmpty()) names.add(name.toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }

    /** Writes the answer of {@code rule} to a request from {@code origin} that asked for {@code requested} headers. */
    public static void write(HttpHeaders out, CorsRule rule, String origin, List<String> requested) {
        if (rule.allowsEveryOrigin()) {
            out.set(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        } else {
            out.set(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            out.set(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
        }
        out.set(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, String.join(", ", rule.allowedMethods()));
        if (!requested.isEmpty()) out.set(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, String.join(", ", requested));
        if (!rule.exposeHeaders().isEmpty()) {
            out.set(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, String.join(", ", rule.exposeHeaders()));
        }
        if (rule.maxAgeSeconds() != null) out.set(HttpHeaders.ACCESS_CONTROL_MAX_AGE, rule.maxAgeSeconds().toString());
        out.set(HttpHeaders.VARY, VARY);
    }
}

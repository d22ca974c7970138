package dev.coffer.api.cors;

import java.util.List;
import java.util.Locale;

/**
 * One validated rule of a bucket's CORS configuration, with what it needs to match a request:
 * origins compared exactly (an origin is serialized in lower case by browsers; S3 documents no
 * case folding), methods exactly, request headers without regard to case.
 *
 * @param maxAgeSeconds null when the rule sets none
 */
public record CorsRule(String id, List<String> allowedHeaders, List<String> allowedMethods, List<String> allowedOrigins,
                       List<String> exposeHeaders, Integer maxAgeSeconds) {

    public CorsRule {
        allowedHeaders = List.copyOf(allowedHeaders);
        allowedMethods = List.copyOf(allowedMethods);
        allowedOrigins = List.copyOf(allowedOrigins);
        exposeHeaders = List.copyOf(exposeHeaders);
    }

    /** Whether an origin of exactly {@code *} is listed: S3 then answers {@code Access-Control-Allow-Origin: *}. */
    public boolean allowsEveryOrigin() {
        return allowedOrigins.contains("*");
    }

    /**
     * The rule's verdict on a request: its origin matches an AllowedOrigin, its method is an
     * AllowedMethod, and each requested header (lower case) matches an AllowedHeader.
     */
    public boolean matches(String origin, String method, List<String> requestedHeaders) {
        if (!allowedMethods.contains(method)) return false;
        if (allowedOrigins.stream().noneMatch(o -> Wildcard.of(o, false).matches(origin))) return false;
        for (String header : requestedHeaders) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (allowedHeaders.stream().noneMatch(h -> Wildcard.of(h, true).matches(lower))) return false;
        }
        return true;
    }
}

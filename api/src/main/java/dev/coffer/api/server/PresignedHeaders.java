package dev.coffer.api.server;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;

/**
 * The {@code x-amz-*} query parameters of a presigned SigV4 URL, which S3 reads as request headers:
 * presigners (the JS SDK v3's, boto3's…) hoist {@code x-amz-meta-*}, {@code x-amz-checksum-*},
 * {@code x-amz-acl}, {@code x-amz-server-side-encryption}, {@code x-amz-tagging}… into the signed
 * query rather than make the caller send them. Every part of the server that reads a header (the
 * router, {@code UnimplementedHeaders}, the handlers) sees them; the signature check still sees the
 * request as sent. The URL's own auth parameters are not headers, nor is {@code X-Amz-Content-Sha256},
 * which the authenticator already takes from the query as the payload hash.
 */
final class PresignedHeaders {
    private static final Set<String> AUTH_PARAMETERS = Set.of("x-amz-algorithm", "x-amz-credential", "x-amz-date",
            "x-amz-expires", "x-amz-signedheaders", "x-amz-signature", "x-amz-security-token", "x-amz-content-sha256");
    /** The same, as the SDKs spell them: recognised without lower-casing a copy of each name first. */
    private static final Set<String> AUTH_PARAMETERS_AS_SENT = Set.of("X-Amz-Algorithm", "X-Amz-Credential",
            "X-Amz-Date", "X-Amz-Expires", "X-Amz-SignedHeaders", "X-Amz-Signature", "X-Amz-Security-Token",
            "X-Amz-Content-Sha256");

    private PresignedHeaders() {}

    /**
     * Lower-case name → value of the query's header parameters; empty unless the query is a
     * presigned SigV4 URL's.
     *
     * @param query the decoded query ({@link dev.coffer.api.routing.QueryString#parse})
     */
    static Map<String, String> of(Map<String, String> query) {
        if (!presigned(query)) return Map.of();
        Map<String, String> hoisted = null; // made for the first header parameter: most URLs have none
        for (Map.Entry<String, String> parameter : query.entrySet()) {
            String name = parameter.getKey();
            if (!name.regionMatches(true, 0, "x-amz-", 0, 6) || AUTH_PARAMETERS_AS_SENT.contains(name)) continue;
            String lower = name.toLowerCase(Locale.ROOT); // the same String when already lower case
            if (AUTH_PARAMETERS.contains(lower)) continue;
            if (hoisted == null) hoisted = new LinkedHashMap<>();
            hoisted.putIfAbsent(lower, parameter.getValue());
        }
        return hoisted == null ? Map.of() : hoisted;
    }

    private static boolean presigned(Map<String, String> query) {
        if (query.containsKey("X-Amz-Algorithm")) return true; // as every SDK spells it
        for (String name : query.keySet()) {
            if (name.equalsIgnoreCase("x-amz-algorithm")) return true;
        }
        return false;
    }

    /**
     * S3 does not document which wins when a signed query parameter and a header share a name;
     * rather than guess (one would silently override the other), Coffer refuses the request.
     *
     * @param headers the request's own headers, lower-case names
     */
    static void refuseClashes(Map<String, String> hoisted, Map<String, List<String>> headers) {
        hoisted.forEach((name, value) -> {
            if (headers.containsKey(name)) {
                throw S3Exception.of(S3ErrorCode.InvalidArgument)
                        .withMessage(name + " was given both as a header and as a query parameter.")
                        .with("ArgumentName", name).with("ArgumentValue", value);
            }
        });
    }

    /** The request as handlers see it: its headers plus the hoisted ones. */
    static ServerHttpRequest apply(ServerHttpRequest request, Map<String, String> hoisted) {
        if (hoisted.isEmpty()) return request;
        HttpHeaders merged = new HttpHeaders();
        merged.addAll(request.getHeaders());
        hoisted.forEach(merged::set);
        HttpHeaders readOnly = HttpHeaders.readOnlyHttpHeaders(merged);
        return new ServerHttpRequestDecorator(request) {
            @Override
            public HttpHeaders getHeaders() {
                return readOnly;
            }
        };
    }
}

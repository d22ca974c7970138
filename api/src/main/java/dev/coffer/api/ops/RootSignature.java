package dev.coffer.api.ops;

import dev.coffer.auth.AuthException;
import dev.coffer.auth.RequestAuthenticator;
import dev.coffer.auth.SignedRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Whether a request to an operator endpoint is signed (SigV4 or SigV2, header or presigned) by the
 * root key, e.g. {@code curl --aws-sigv4 aws:amz:us-east-1:s3 --user KEY:SECRET
 * -H "x-amz-content-sha256: UNSIGNED-PAYLOAD" …/_coffer/metrics}.
 */
public final class RootSignature implements Predicate<ServerHttpRequest> {
    private final RequestAuthenticator authenticator;
    private final String rootAccessKey;

    public RootSignature(RequestAuthenticator authenticator, String rootAccessKey) {
        this.authenticator = authenticator;
        this.rootAccessKey = rootAccessKey;
    }

    @Override
    public boolean test(ServerHttpRequest request) {
        String rawQuery = request.getURI().getRawQuery();
        try {
            return rootAccessKey.equals(authenticator.authenticate(new SignedRequest(request.getMethod().name(),
                    request.getURI().getRawPath(), rawQuery == null ? "" : rawQuery, headers(request))).accessKeyId());
        } catch (AuthException notRoot) {
            return false;
        }
    }

    /** The request's headers by lower-case name, as a {@link SignedRequest} takes them. */
    public static Map<String, List<String>> headers(ServerHttpRequest request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        request.getHeaders().forEach((name, values) ->
                headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).addAll(values));
        return headers;
    }
}

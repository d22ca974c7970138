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

    /**
     * Whether a request that carries {@code body} is signed by the root key over that body: SigV4 in
     * the Authorization header, with the body's own SHA-256 as the payload hash, as AWS IAM checks its
     * requests (the {@code x-amz-content-sha256} header, when sent, is not trusted). A body outside the
     * signature ({@code UNSIGNED-PAYLOAD}, a presigned URL, SigV2) or another body than the one signed
     * is refused: else whoever relays a root request could change what it asks.
     */
    public boolean testBody(ServerHttpRequest request, byte[] body) {
        String rawQuery = request.getURI().getRawQuery();
        try {
            return rootAccessKey.equals(authenticator.authenticateService(new SignedRequest(request.getMethod().name(),
                    request.getURI().getRawPath(), rawQuery == null ? "" : rawQuery, headers(request)), "s3",
                    sha256(body)).accessKeyId());
        } catch (AuthException notRoot) {
            return false;
        }
    }

    /** Lower-case hex SHA-256 of {@code body}, the payload hash of a SigV4 request carrying it. */
    public static String sha256(byte[] body) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(body));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
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

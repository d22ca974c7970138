package dev.coffer.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the signature fuzz tests share: a fuzz input is the text of an HTTP request (request line,
 * then {@code Name: value} lines), so the seed corpus is plain signed requests anyone can read. It
 * is cut into a {@link SignedRequest} the way the api module hands one over (lower-case names,
 * values trimmed, a repeated name adding a value), and authenticated against AWS's example key.
 */
final class FuzzRequests {
    /** The documented "bad input" outcome of authentication is an AuthException; nothing else. */
    private FuzzRequests() {}

    static RequestAuthenticator authenticatorAt(Instant now) {
        return new RequestAuthenticator(id -> id.equals(Requests.AKID) ? Optional.of(Requests.SECRET) : Optional.empty(),
                Clock.fixed(now, ZoneOffset.UTC));
    }

    /**
     * Authenticates the request in {@code input}: either a principal with the one known key, or an
     * AuthException (a 4xx); any other exception propagates and fails the fuzz test.
     */
    static void authenticate(RequestAuthenticator authenticator, byte[] input) {
        SignedRequest request = parse(new String(input, StandardCharsets.UTF_8));
        try {
            AuthResult result = authenticator.authenticate(request, virtualHostBucket(request.header("host")));
            assertEquals(Requests.AKID, result.accessKeyId());
            assertNotNull(result.payload());
        } catch (AuthException refused) {
            assertNotNull(refused.error());
            assertNotNull(refused.getMessage());
        }
    }

    /** {@code METHOD target [version]} then header lines; lines without a colon are skipped. */
    static SignedRequest parse(String text) {
        String[] lines = text.split("\r?\n", -1);
        String[] requestLine = lines[0].split(" ", -1);
        String method = requestLine[0];
        String target = requestLine.length > 1 ? requestLine[1] : "/";
        int q = target.indexOf('?');
        String rawPath = q < 0 ? target : target.substring(0, q);
        String rawQuery = q < 0 ? "" : target.substring(q + 1);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) continue;
            headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).trim());
        }
        return new SignedRequest(method, rawPath, rawQuery, headers);
    }

    /** The bucket of a virtual-hosted request to {@code bucket.s3.amazonaws.com}, as the api resolves it. */
    private static String virtualHostBucket(String host) {
        String suffix = ".s3.amazonaws.com";
        if (host == null || !host.endsWith(suffix) || host.length() == suffix.length()) return null;
        return host.substring(0, host.length() - suffix.length());
    }
}

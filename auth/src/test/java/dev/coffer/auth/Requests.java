package dev.coffer.auth;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Test fixtures: AWS's example credentials and a small request builder. */
final class Requests {
    static final String AKID = "AKIAIOSFODNN7EXAMPLE";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final Instant EXAMPLE_TIME = Instant.parse("2013-05-24T00:00:00Z");
    static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private Requests() {}

    static SigV4Authenticator authenticator(Instant now) {
        return authenticator(now, AKID, SECRET);
    }

    static SigV4Authenticator authenticator(Instant now, String akid, String secret) {
        return new SigV4Authenticator(lookup(akid, secret), Clock.fixed(now, ZoneOffset.UTC));
    }

    static SigV2Authenticator sigV2(Instant now) {
        return sigV2(now, AKID, SECRET);
    }

    static SigV2Authenticator sigV2(Instant now, String akid, String secret) {
        return new SigV2Authenticator(lookup(akid, secret), Clock.fixed(now, ZoneOffset.UTC));
    }

    static RequestAuthenticator facade(Instant now) {
        return new RequestAuthenticator(lookup(AKID, SECRET), Clock.fixed(now, ZoneOffset.UTC));
    }

    private static CredentialsLookup lookup(String akid, String secret) {
        return id -> id.equals(akid) ? Optional.of(secret) : Optional.empty();
    }

    /** Headers as name/value pairs; a repeated name adds a value. */
    static SignedRequest request(String method, String rawPath, String rawQuery, String... headers) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            map.computeIfAbsent(headers[i].toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(headers[i + 1]);
        }
        return new SignedRequest(method, rawPath, rawQuery, map);
    }

    static SignedRequest withHeader(SignedRequest r, String name, String value) {
        Map<String, List<String>> map = new LinkedHashMap<>(r.headers());
        map.put(name, List.of(value));
        return new SignedRequest(r.method(), r.rawPath(), r.rawQuery(), map);
    }

    static SignedRequest withQuery(SignedRequest r, String rawQuery) {
        return new SignedRequest(r.method(), r.rawPath(), rawQuery, r.headers());
    }

    static String authorization(String signedHeaders, String signature) {
        return "AWS4-HMAC-SHA256 Credential=" + AKID + "/20130524/us-east-1/s3/aws4_request,SignedHeaders="
                + signedHeaders + ",Signature=" + signature;
    }
}

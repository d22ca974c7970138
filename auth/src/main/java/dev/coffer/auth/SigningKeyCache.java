package dev.coffer.auth;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Derived signing keys, {@code HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service),
 * "aws4_request")}: four HMACs per request saved, since a key is valid for a whole day.
 * Bounded: past {@link #MAX_ENTRIES} the map is simply emptied (keys are cheap to recompute, and a
 * full clear needs no LRU bookkeeping on the hot path). The secret is part of the cache key, so a
 * rotated secret never meets a stale key.
 */
final class SigningKeyCache {
    static final int MAX_ENTRIES = 4096;

    private record Key(String secret, String date, String region, String service) {}

    private final ConcurrentHashMap<Key, byte[]> keys = new ConcurrentHashMap<>();

    /** The signing key; callers must not modify the returned array. */
    byte[] signingKey(String secret, String date, String region, String service) {
        Key key = new Key(secret, date, region, service);
        byte[] cached = keys.get(key);
        if (cached != null) return cached;
        byte[] derived = derive(secret, date, region, service);
        if (keys.size() >= MAX_ENTRIES) keys.clear();
        keys.put(key, derived);
        return derived;
    }

    int size() {
        return keys.size();
    }

    static byte[] derive(String secret, String date, String region, String service) {
        byte[] k = Crypto.hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
        k = Crypto.hmac(k, region);
        k = Crypto.hmac(k, service);
        return Crypto.hmac(k, CredentialScope.TERMINATOR);
    }
}

package dev.coffer.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SigningKeyCacheTest {

    @Test
    void secondLookupReusesTheDerivedKey() {
        SigningKeyCache cache = new SigningKeyCache();
        byte[] first = cache.signingKey("s", "20130524", "us-east-1", "s3");
        assertSame(first, cache.signingKey("s", "20130524", "us-east-1", "s3"));
        assertArrayEquals(SigningKeyCache.derive("s", "20130524", "us-east-1", "s3"), first);
    }

    @Test
    void rotatedSecretGetsItsOwnKey() {
        SigningKeyCache cache = new SigningKeyCache();
        byte[] a = cache.signingKey("old", "20130524", "us-east-1", "s3");
        byte[] b = cache.signingKey("new", "20130524", "us-east-1", "s3");
        assertTrue(!java.util.Arrays.equals(a, b));
    }

    @Test
    void cacheStaysBounded() {
        SigningKeyCache cache = new SigningKeyCache();
        for (int i = 0; i < SigningKeyCache.MAX_ENTRIES * 2 + 10; i++) {
            cache.signingKey("secret" + i, "20130524", "us-east-1", "s3");
            assertTrue(cache.size() <= SigningKeyCache.MAX_ENTRIES);
        }
    }
}

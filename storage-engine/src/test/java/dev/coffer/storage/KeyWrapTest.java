package dev.coffer.storage;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class KeyWrapTest {
    final byte[] kek = DataKey.generate().bytes();
    final DataKey dataKey = DataKey.generate();

    @Test
    void aWrappedKeyOpensWithItsKeyAndContext() throws Exception {
        byte[] wrapped = KeyWrap.wrap(dataKey, kek, "sse-s3");
        assertEquals(KeyWrap.WRAPPED_LENGTH, wrapped.length);
        assertEquals(dataKey, KeyWrap.unwrap(wrapped, kek, "sse-s3"));
    }

    @Test
    void anotherKeyOrContextOrAByteChangedIsRefused() {
        byte[] wrapped = KeyWrap.wrap(dataKey, kek, "sse-s3");
        assertThrows(KeyWrap.WrongKeyException.class, () -> KeyWrap.unwrap(wrapped, DataKey.generate().bytes(), "sse-s3"));
        assertThrows(KeyWrap.WrongKeyException.class, () -> KeyWrap.unwrap(wrapped, kek, "sse-c"));
        byte[] altered = wrapped.clone();
        altered[20] ^= 1;
        assertThrows(KeyWrap.WrongKeyException.class, () -> KeyWrap.unwrap(altered, kek, "sse-s3"));
        assertThrows(KeyWrap.WrongKeyException.class, () -> KeyWrap.unwrap(Arrays.copyOf(wrapped, 10), kek, "sse-s3"));
    }

    @Test
    void twoWrapsOfOneKeyDifferByTheirNonce() {
        assertFalse(Arrays.equals(KeyWrap.wrap(dataKey, kek, "x"), KeyWrap.wrap(dataKey, kek, "x")));
    }

    @Test
    void theFingerprintIsKeyedAndStable() {
        byte[] customer = DataKey.generate().bytes();
        assertArrayEquals(KeyWrap.fingerprint(customer, kek), KeyWrap.fingerprint(customer, kek));
        assertFalse(Arrays.equals(KeyWrap.fingerprint(customer, kek), KeyWrap.fingerprint(customer, DataKey.generate().bytes())));
        assertEquals(32, KeyWrap.fingerprint(customer, kek).length);
    }
}

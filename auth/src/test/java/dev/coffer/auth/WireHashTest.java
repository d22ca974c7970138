package dev.coffer.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

/** The canonical request is hashed and the signature compared without copies: the same answers as with them. */
class WireHashTest {

    @Test
    void wireTextIsHashedAsItsBytesAcrossPieceBoundaries() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 1_500; i++) text.append((char) (i % 7 == 0 ? 0xE9 : 'a' + i % 26));
        text.append('\u20AC'); // never from the wire: hashed as '?', as WireText.bytes has it
        for (int length : new int[] {0, 1, 511, 512, 513, 1_024, text.length()}) {
            CharSequence wire = text.subSequence(0, length);
            MessageDigest sha256 = Crypto.newSha256();
            assertEquals(Hex.encode(sha256.digest(WireText.bytes(wire.toString()))), Crypto.sha256HexOfWire(wire),
                    "length " + length);
        }
    }

    @Test
    void aSignatureMatchesOnlyAsItsExactLowerCaseHex() {
        byte[] mac = {0x00, 0x7f, (byte) 0x80, (byte) 0xff, 0x1a};
        assertTrue(Hex.matches(mac, "007f80ff1a"));
        assertFalse(Hex.matches(mac, "007F80FF1A"));
        assertFalse(Hex.matches(mac, "007f80ff1b"));
        assertFalse(Hex.matches(mac, "007f80ff1"));
        assertFalse(Hex.matches(mac, "007f80ff1a0"));
        assertFalse(Hex.matches(mac, "007f80ff1\u0661"));
        assertFalse(Hex.matches(mac, ""));
    }
}

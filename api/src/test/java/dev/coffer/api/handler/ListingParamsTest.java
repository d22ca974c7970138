package dev.coffer.api.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ListingParamsTest {
    private static final ListingParams URL = new ListingParams("", null, 1000, true);
    private static final ListingParams PLAIN = new ListingParams("", null, 1000, false);

    /** What encoding-type=url gives, written the long way: every value through the encoder. */
    private static String encodedTheLongWay(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("%2F", "/").replace("+", "%20");
    }

    @Test
    void encodedKeysKeepSlashesAndEncodeSpacesPlusAndPercent() {
        assertEquals("photos/2026/a%20b%2Bc%25d.jpg", URL.out("photos/2026/a b+c%d.jpg"));
        assertEquals("caf%C3%A9/%E2%82%AC", URL.out("café/€"));
        assertEquals("a%3Cb%3E%26%22%27", URL.out("a<b>&\"'"));
        assertEquals("tab%09nul%00", URL.out("tab\tnul\0"));
    }

    @Test
    void aKeyEncodingLeavesAsItIsIsAnsweredAsItIs() {
        String key = "d00042/f7_x-y.z*";
        assertSame(key, URL.out(key));
        assertEquals("", URL.out(""));
        assertNull(URL.out(null));
    }

    @Test
    void withoutEncodingTypeValuesAreAnsweredAsStored() {
        assertEquals("a b+c%d/é", PLAIN.out("a b+c%d/é"));
    }

    @Test
    void randomKeysAreEncodedAsTheEncoderWouldEncodeThem() {
        String alphabet = "abcXYZ019/.-_*~ +%&=?#:;,@!$'()[]{}<>\"\\\t\n\0éü€中\uD83D\uDE00";
        Random random = new Random(23);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder key = new StringBuilder();
            int length = random.nextInt(12);
            // half of them from the characters encoding leaves alone, so both paths are taken often
            String from = random.nextBoolean() ? "abcXYZ019/.-_*" : alphabet;
            while (key.length() < length) {
                int at = random.nextInt(from.length());
                char c = from.charAt(at);
                if (Character.isHighSurrogate(c)) key.append(c).append(from.charAt(at + 1));
                else if (!Character.isLowSurrogate(c)) key.append(c);
            }
            assertEquals(encodedTheLongWay(key.toString()), URL.out(key.toString()), key.toString());
        }
    }
}

package dev.coffer.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Edge cases of the POST policy's JSON reader: what JSON allows and nothing more. */
class PolicyJsonTest {
    @Test
    void unicodeEscapeReadsFourHexDigits() {
        assertEquals("é/A", PolicyJson.parse("\"\\u00e9\\/\\u0041\""));
    }

    @Test
    void unicodeEscapeWithASignIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> PolicyJson.parse("\"\\u+041\""));
        assertThrows(IllegalArgumentException.class, () -> PolicyJson.parse("\"\\u-001\""));
    }

    @Test
    void numbersAreReadAsJsonWritesThem() {
        assertEquals(List.of(0L, -12L, 1.5, 2e-3, 1E+2), PolicyJson.parse("[0, -12, 1.5, 2e-3, 1E+2]"));
    }

    @Test
    void numbersJsonDoesNotAllowAreRejected() {
        for (String n : new String[] {"+1", "1.", ".5", "01", "-", "1e", "1e+", "--1", "1.2.3"}) {
            assertThrows(IllegalArgumentException.class, () -> PolicyJson.parse(n), n);
        }
    }

    @Test
    void nestingPastSixteenLevelsIsRejected() {
        assertEquals(List.of(), PolicyJson.parse("[]"));
        assertThrows(IllegalArgumentException.class, () -> PolicyJson.parse("[".repeat(40) + "]".repeat(40)));
    }
}

package dev.coffer.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HeaderTextTest {

    /** How the HTTP layer hands over raw UTF-8 header bytes: one char per byte. */
    private static String asWire(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain", "text/plain; charset=utf-8", "attachment; filename=\"a b.txt\"", "=?not a word", "a=?b?=c"})
    void asciiIsUntouchedBothWays(String value) {
        assertThat(HeaderText.decode(value)).isEqualTo(value);
        assertThat(HeaderText.encode(value)).isEqualTo(value);
    }

    @Test
    void base64EncodedWordIsDecoded() {
        assertThat(HeaderText.decode("=?UTF-8?B?w6l0w6k=?=")).isEqualTo("été");
    }

    @Test
    void encodedWordMarkersAreCaseInsensitive() {
        assertThat(HeaderText.decode("=?utf-8?b?w6l0w6k=?=")).isEqualTo("été");
        assertThat(HeaderText.decode("=?utf-8?q?=c3=a9t=c3=a9?=")).isEqualTo("été");
    }

    @Test
    void quotedPrintableEncodedWordIsDecodedWithUnderscoreAsSpace() {
        assertThat(HeaderText.decode("=?UTF-8?Q?=C3=A9t=C3=A9_d'hiver?=")).isEqualTo("été d'hiver");
    }

    @Test
    void encodedWordInAnotherCharsetIsDecodedInThatCharset() {
        assertThat(HeaderText.decode("=?ISO-8859-1?Q?caf=E9?=")).isEqualTo("café");
    }

    @Test
    void textAroundAnEncodedWordIsKept() {
        assertThat(HeaderText.decode("attachment; filename==?UTF-8?B?w6k=?=.txt"))
                .isEqualTo("attachment; filename=é.txt");
    }

    @Test
    void whitespaceBetweenAdjacentEncodedWordsIsDropped() {
        // RFC 2047 section 6.2: only the encoded words are displayed, not the white space between them.
        assertThat(HeaderText.decode("=?UTF-8?B?w6k=?= =?UTF-8?B?w6k=?=")).isEqualTo("éé");
        assertThat(HeaderText.decode("=?UTF-8?Q?a?=\t =?UTF-8?Q?b?=")).isEqualTo("ab");
    }

    @Test
    void whitespaceBetweenAnEncodedWordAndTextIsKept() {
        assertThat(HeaderText.decode("=?UTF-8?B?w6k=?= x =?UTF-8?B?w6k=?=")).isEqualTo("é x é");
    }

    @Test
    void encodedWordWithUnknownCharsetIsKeptLiterally() {
        assertThat(HeaderText.decode("=?x-no-such-charset?B?w6k=?=")).isEqualTo("=?x-no-such-charset?B?w6k=?=");
    }

    @Test
    void encodedWordWithBadBase64IsKeptLiterally() {
        assertThat(HeaderText.decode("=?UTF-8?B?@@@?=")).isEqualTo("=?UTF-8?B?@@@?=");
    }

    @Test
    void encodedWordWithBadHexIsKeptLiterally() {
        assertThat(HeaderText.decode("=?UTF-8?Q?=ZZ?=")).isEqualTo("=?UTF-8?Q?=ZZ?=");
    }

    @Test
    void rawUtf8BytesDeliveredAsLatin1CharsAreDecoded() {
        assertThat(HeaderText.decode(asWire("été"))).isEqualTo("été");
        assertThat(HeaderText.decode(asWire("日本語 \uD83D\uDE00"))).isEqualTo("日本語 \uD83D\uDE00");
    }

    @Test
    void latin1ThatIsNotUtf8IsKeptAsLatin1() {
        assertThat(HeaderText.decode("caf\u00E9")).isEqualTo("caf\u00E9");
    }

    @Test
    void textAlreadyBeyondLatin1IsKept() {
        assertThat(HeaderText.decode("日本")).isEqualTo("日本");
        assertThat(HeaderText.decode("\u00E9\u65E5")).isEqualTo("\u00E9\u65E5");
    }

    @Test
    void nonAsciiIsSentAsOneUtf8Base64EncodedWord() {
        assertThat(HeaderText.encode("été")).isEqualTo("=?UTF-8?B?w6l0w6k=?=");
    }

    @ParameterizedTest
    @ValueSource(strings = {"été", "日本語", "\uD83D\uDE00 smile", "ÄMÄZÕÑ S3", "line\u00A0space"})
    void encodedValueDecodesBackToTheOriginal(String value) {
        String wire = HeaderText.encode(value);

        assertThat(wire).matches("[\\x20-\\x7E]*");
        assertThat(HeaderText.decode(wire)).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/html\r\nX: y", "a\u0000b", "a\u007Fb", "bell\u0007", "\n"})
    void controlCharactersAreSentAsAnEncodedWord(String value) {
        String wire = HeaderText.encode(value);

        assertThat(wire).startsWith("=?UTF-8?B?").matches("[\\x20-\\x7E]*");
        assertThat(HeaderText.decode(wire)).isEqualTo(value);
    }

    @Test
    void encodedWordThatDecodesToCrLfIsStillSentEncoded() {
        String stored = HeaderText.decode("=?UTF-8?B?dGV4dC9odG1sDQpYOiB5?=");

        assertThat(stored).isEqualTo("text/html\r\nX: y");
        assertThat(HeaderText.encode(stored)).isEqualTo("=?UTF-8?B?dGV4dC9odG1sDQpYOiB5?=");
    }

    @Test
    void tabIsAFieldValueCharacterAndIsSentAsItIs() {
        assertThat(HeaderText.encode("a\tb")).isEqualTo("a\tb");
    }

    @Test
    void encodedWordWhoseBytesAreNotTextInItsCharsetIsKeptLiterally() {
        assertThat(HeaderText.decode("=?UTF-8?B?/w==?=")).isEqualTo("=?UTF-8?B?/w==?=");
        assertThat(HeaderText.decode("=?UTF-8?Q?=FF?=")).isEqualTo("=?UTF-8?Q?=FF?=");
    }
}

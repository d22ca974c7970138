package dev.coffer.api.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.auth.QueryParameter;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QueryStringTest {

    @Test
    void nullOrEmptyQueryHasNoParameters() {
        assertThat(QueryString.parse(null)).isEmpty();
        assertThat(QueryString.parse("")).isEmpty();
    }

    @Test
    void parameterWithoutEqualsHasEmptyValue() {
        assertThat(QueryString.parse("uploads")).containsExactly(Map.entry("uploads", ""));
    }

    @Test
    void parameterWithEmptyValueHasEmptyValue() {
        assertThat(QueryString.parse("prefix=")).containsExactly(Map.entry("prefix", ""));
    }

    @Test
    void firstValueOfARepeatedParameterWins() {
        assertThat(QueryString.parse("prefix=a&prefix=b")).containsExactly(Map.entry("prefix", "a"));
    }

    @Test
    void emptyPairsAreSkipped() {
        assertThat(QueryString.parse("&&a=1&&b=2&")).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
    }

    @Test
    void aParameterWithoutEqualsTakesNoneFromTheNext() {
        assertThat(QueryString.parse("uploads&prefix=a=b"))
                .containsExactly(Map.entry("uploads", ""), Map.entry("prefix", "a=b"));
    }

    @Test
    void valueMayContainEquals() {
        assertThat(QueryString.parse("continuation-token=YWJj==")).containsEntry("continuation-token", "YWJj==");
    }

    @Test
    void namesAndValuesArePercentDecodedAsUtf8() {
        assertThat(QueryString.parse("prefix=%C3%A9t%C3%A9%2F&a%2Db=1"))
                .containsEntry("prefix", "été/")
                .containsEntry("a-b", "1");
    }

    @Test
    void plusIsASpaceInAQueryAsTheSignatureReadsIt() {
        assertThat(QueryString.parse("prefix=a+b&p2=a%2Bb&p3=a%20b&a+b=1"))
                .containsEntry("prefix", "a b").containsEntry("p2", "a+b").containsEntry("p3", "a b")
                .containsEntry("a b", "1");
    }

    @Test
    void plusIsLiteralWhenNotFormEncoded() {
        assertThat(QueryString.decode("a+b", false)).isEqualTo("a+b");
    }

    @Test
    void lowerCaseHexEscapesDecode() {
        assertThat(QueryString.decode("a%2fb", false)).isEqualTo("a/b");
    }

    @Test
    void malformedEscapesAreKeptLiterally() {
        assertThat(QueryString.decode("%", false)).isEqualTo("%");
        assertThat(QueryString.decode("a%", false)).isEqualTo("a%");
        assertThat(QueryString.decode("a%4", false)).isEqualTo("a%4");
        assertThat(QueryString.decode("%zz%41", false)).isEqualTo("%zzA");
    }

    @Test
    void escapeAtTheVeryEndDecodes() {
        assertThat(QueryString.decode("ab%41", false)).isEqualTo("abA");
    }

    @Test
    void rawNonAsciiCharactersSurviveNextToEscapes() {
        assertThat(QueryString.decode("日%20本\uD83D\uDE00", false)).isEqualTo("日 本\uD83D\uDE00");
    }

    @Test
    void stringWithoutEscapesIsReturnedAsIs() {
        String raw = "plain/key.txt";
        assertThat(QueryString.decode(raw, true)).isSameAs(raw);
    }

    @ParameterizedTest
    @ValueSource(strings = {"k%FF", "k%FE", "%C3", "%C3%28", "%ED%A0%80", "%F8%88%80%80%80"})
    void escapesThatAreNotUtf8AreInvalidUri(String raw) {
        assertThatThrownBy(() -> QueryString.decode(raw, false))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.code()).isEqualTo(S3ErrorCode.InvalidURI));
        assertThatThrownBy(() -> QueryString.parse("prefix=" + raw)).isInstanceOf(S3Exception.class);
        assertThatThrownBy(() -> QueryString.parse(raw + "=1")).isInstanceOf(S3Exception.class);
        assertThatThrownBy(() -> QueryString.firstValues(QueryParameter.parse("prefix=" + raw)))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.code()).isEqualTo(S3ErrorCode.InvalidURI));
        assertThatThrownBy(() -> QueryString.firstValues(QueryParameter.parse(raw + "=1"))).isInstanceOf(S3Exception.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "uploads", "prefix=", "prefix=a&prefix=b", "&&a=1&&b=2&", "uploads&prefix=a=b",
            "continuation-token=YWJj==", "prefix=%C3%A9t%C3%A9%2F&a%2Db=1", "prefix=a+b&p2=a%2Bb&p3=a%20b&a+b=1",
            "p=%&q=a%4&r=%zz%41&s=ab%41", "p=日%20本\uD83D\uDE00&日=1", "p=\uD83D%41", "p=%EF%BF%BD&q=\uFFFD",
            "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"})
    void theSignatureCheckParametersGiveTheSameMap(String raw) {
        assertThat(QueryString.firstValues(QueryParameter.parse(raw))).containsExactlyEntriesOf(QueryString.parse(raw));
    }

    @Test
    void randomQueriesGiveTheSameMapOrTheSameRefusalFromTheSignatureCheckParameters() {
        // what a request line carries: its bytes, one char each (so no char above 0xFF), escapes of any bytes
        String alphabet = "ab=&+%%%%2F4C3A9BDEFefe~ é\u00FF";
        Random random = new Random(23);
        for (int i = 0; i < 50_000; i++) {
            StringBuilder raw = new StringBuilder();
            for (int n = random.nextInt(24); n > 0; n--) raw.append(alphabet.charAt(random.nextInt(alphabet.length())));
            String query = raw.toString();
            Map<String, String> expected;
            try {
                expected = QueryString.parse(query);
            } catch (S3Exception e) {
                assertThatThrownBy(() -> QueryString.firstValues(QueryParameter.parse(query))).as(query)
                        .isInstanceOfSatisfying(S3Exception.class, x -> assertThat(x.code()).isEqualTo(e.code()));
                continue;
            }
            assertThat(QueryString.firstValues(QueryParameter.parse(query))).as(query).containsExactlyEntriesOf(expected);
        }
    }
}

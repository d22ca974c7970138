package dev.coffer.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ETagsTest {
    private static final String ETAG = "9b2cf535f27731c974343645a3985328";

    @Test
    void quoteWrapsInDoubleQuotes() {
        assertThat(ETags.quote(ETAG)).isEqualTo("\"" + ETAG + "\"");
    }

    @Test
    void quotedEtagMatches() {
        assertThat(ETags.matches("\"" + ETAG + "\"", ETAG)).isTrue();
    }

    @Test
    void unquotedEtagMatches() {
        assertThat(ETags.matches(ETAG, ETAG)).isTrue();
    }

    @Test
    void weakEtagMatchesItsStrongValue() {
        assertThat(ETags.matches("W/\"" + ETAG + "\"", ETAG)).isTrue();
    }

    @Test
    void differentEtagDoesNotMatch() {
        assertThat(ETags.matches("\"0000\"", ETAG)).isFalse();
    }

    @Test
    void comparisonIsCaseSensitive() {
        assertThat(ETags.matches("\"" + ETAG.toUpperCase() + "\"", ETAG)).isFalse();
    }

    @Test
    void starMatchesAnyObject() {
        assertThat(ETags.matches("*", ETAG)).isTrue();
        assertThat(ETags.matches(" * ", ETAG)).isTrue();
    }

    @Test
    void listMatchesWhenAnyMemberMatches() {
        assertThat(ETags.matches("\"aaaa\", \"" + ETAG + "\" ,\"bbbb\"", ETAG)).isTrue();
        assertThat(ETags.matches("\"aaaa\",\"bbbb\"", ETAG)).isFalse();
    }

    @Test
    void multipartEtagWithPartCountMatches() {
        assertThat(ETags.matches("\"" + ETAG + "-3\"", ETAG + "-3")).isTrue();
        assertThat(ETags.matches("\"" + ETAG + "\"", ETAG + "-3")).isFalse();
    }

    @Test
    void emptyHeaderMatchesNothing() {
        assertThat(ETags.matches("", ETAG)).isFalse();
        assertThat(ETags.matches("\"\"", ETAG)).isFalse();
    }
}

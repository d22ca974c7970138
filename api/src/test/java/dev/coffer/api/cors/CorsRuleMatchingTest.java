package dev.coffer.api.cors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** How one rule matches a request's origin, method and requested headers, case by case. */
class CorsRuleMatchingTest {

    private static CorsRule rule(List<String> origins, List<String> methods, List<String> headers) {
        return new CorsRule(null, headers, methods, origins, List.of(), null);
    }

    /** The origins of Ceph's s3-tests test_cors_origin_response (which passes against S3). */
    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource({
        "*suffix, foo.suffix, true",
        "*suffix, suffix, true",
        "*suffix, foo.suffix.get, false",
        "start*end, startend, true",
        "start*end, start1end, true",
        "start*end, start12end, true",
        "start*end, 0start12end, false",
        "prefix*, prefix, true",
        "prefix*, prefix.suffix, true",
        "prefix*, bla.prefix, false",
        "*.put, foo.put, true",
        "*.put, foo.bar, false",
        "http://*.example.com, http://www.example.com, true",
        "http://*.example.com, http://www.example.com:80, false",
        "http://*.example.com, https://www.example.com, false",
        "http://www.example.com, http://www.example.com, true",
        "http://www.example.com, http://www.example.com/, false",
        "http://www.example.com, http://www.example.com:80, false",
        "http://www.example.com, http://WWW.example.com, false",
        "*, http://anything:1234, true",
    })
    void anAllowedOriginIsAPatternWithOneStarAnchoredAtBothEnds(String pattern, String origin, boolean matches) {
        assertThat(rule(List.of(pattern), List.of("GET"), List.of()).matches(origin, "GET", List.of())).isEqualTo(matches);
    }

    @Test
    void theMethodMustBeOneOfTheRules() {
        CorsRule getOnly = rule(List.of("*"), List.of("GET"), List.of());
        assertThat(getOnly.matches("http://a", "GET", List.of())).isTrue();
        assertThat(getOnly.matches("http://a", "PUT", List.of())).isFalse();
        assertThat(getOnly.matches("http://a", "get", List.of())).isFalse();
    }

    @Test
    void everyRequestedHeaderMustMatchAnAllowedHeaderWhateverTheCase() {
        CorsRule r = rule(List.of("*"), List.of("PUT"),
                List.of("x-amz-*", "Content-Type", "x-AMZ-server-SIDE-encryption"));
        assertThat(r.matches("o", "PUT", List.of("x-amz-date", "content-type"))).isTrue();
        assertThat(r.matches("o", "PUT", List.of("x-amz-"))).as("the star matches nothing too").isTrue();
        assertThat(r.matches("o", "PUT", List.of("X-Amz-Date"))).isTrue();
        assertThat(r.matches("o", "PUT", List.of("x-amz-date", "authorization"))).isFalse();
        assertThat(r.matches("o", "PUT", List.of())).isTrue();
    }

    @Test
    void aRuleWithoutAllowedHeadersAllowsNoRequestedHeader() {
        CorsRule r = rule(List.of("*"), List.of("GET"), List.of());
        assertThat(r.matches("o", "GET", List.of())).isTrue();
        assertThat(r.matches("o", "GET", List.of("x-amz-meta-header2"))).isFalse();
    }

    @Test
    void aStarAloneAllowsEveryHeader() {
        CorsRule r = rule(List.of("*"), List.of("GET"), List.of("*"));
        assertThat(r.matches("o", "GET", List.of("authorization", "x-amz-request-payer"))).isTrue();
    }

    @Test
    void onlyAnOriginOfExactlyStarAllowsEveryOrigin() {
        assertThat(rule(List.of("http://a", "*"), List.of("GET"), List.of()).allowsEveryOrigin()).isTrue();
        assertThat(rule(List.of("http://*"), List.of("GET"), List.of()).allowsEveryOrigin()).isFalse();
    }

    @Test
    void anEmptyAllowedOriginMatchesNoBrowser() {
        CorsRule r = rule(List.of(""), List.of("GET"), List.of());
        assertThat(r.matches("http://a", "GET", List.of())).isFalse();
    }
}

package dev.coffer.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A component already in canonical form is taken as it is, any other is decoded and re-encoded:
 * either way the canonical form is the one SigV4 encoding of the bytes the component stands for.
 */
class QueryCanonicalFormTest {
    private static final Pattern CANONICAL = Pattern.compile("([A-Za-z0-9._~-]|%[0-9A-F]{2})*");
    private static final Pattern ESCAPE = Pattern.compile("%([0-9A-F]{2})");

    @Test
    void oddEncodingsGetTheirOneCanonicalForm() {
        String[][] rawToCanonical = {{"a%2Fb", "a%2Fb"}, {"a%2fb", "a%2Fb"}, {"a/b", "a%2Fb"}, {"a+b", "a%20b"},
            {"a%2Bb", "a%2Bb"}, {"%7E", "~"}, {"%7e", "~"}, {"", ""}, {"ü", "%C3%BC"}, {"%c3%bc", "%C3%BC"},
            {"\uD83D\uDE00", "%F0%9F%98%80"}, {"100%", "100%25"}, {"%zz", "%25zz"}, {"a%2", "a%252"}};
        for (String[] c : rawToCanonical) assertEquals(c[1], UriEncoding.canonicalQueryComponent(c[0]), c[0]);
    }

    @Test
    void asciiComponentsDecodeToExactlyTheirBytes() {
        String[][] rawToDecoded = {{"a%2Fb", "a/b"}, {"a+b", "a b"}, {"%zz%41", "%zzA"}, {"a%4", "a%4"},
            {"100%", "100%"}, {"%41%42", "AB"}, {"", ""}};
        for (String[] c : rawToDecoded) {
            assertArrayEquals(c[1].getBytes(StandardCharsets.US_ASCII), UriEncoding.decodeQueryComponent(c[0]), c[0]);
        }
    }

    @Test
    void aPathKeepsSlashesButNotAnEscapedOne() {
        String[][] rawToCanonical = {{"/b/k", "/b/k"}, {"/b/a%2Fb", "/b/a/b"}, {"/b/a+b", "/b/a%2Bb"},
            {"/b/%C3%BC", "/b/%C3%BC"}, {"/b/%c3%bc", "/b/%C3%BC"}};
        for (String[] c : rawToCanonical) assertEquals(c[1], UriEncoding.canonicalPath(c[0]), c[0]);
    }

    @Test
    void canonicalFormOfRandomComponentsIsTheOneEncodingOfTheirBytes() {
        String alphabet = "aZ09-._~%+/=&ü€2Ffe7E\uD83D\uDE00 ";
        Random random = new Random(23);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder raw = new StringBuilder();
            int length = random.nextInt(10);
            for (int i = 0; i < length; i++) raw.append(alphabet.charAt(random.nextInt(alphabet.length())));
            String component = raw.toString();
            String canonical = UriEncoding.canonicalQueryComponent(component);
            assertTrue(CANONICAL.matcher(canonical).matches(), component + " -> " + canonical);
            Matcher escape = ESCAPE.matcher(canonical);
            while (escape.find()) {
                char c = (char) Integer.parseInt(escape.group(1), 16);
                assertTrue(!Character.isLetterOrDigit(c) && "-._~".indexOf(c) < 0 || c > 0x7F,
                        component + " -> " + canonical + " escapes an unreserved character");
            }
            assertArrayEquals(UriEncoding.decodeQueryComponent(component), UriEncoding.decodeQueryComponent(canonical),
                    component + " -> " + canonical);
            assertEquals(canonical, UriEncoding.canonicalQueryComponent(canonical));
        }
    }

    @Test
    void repeatedEmptyAndUnicodeParametersKeepTheirPlaces() {
        List<QueryParameter> params = QueryParameter.parse("b=2&b=1&acl&e=&%C3%BC=%E2%82%AC&k%2Fx=a+b&&");
        assertEquals(List.of(
                new QueryParameter("b", "2", "b", "2"),
                new QueryParameter("b", "1", "b", "1"),
                new QueryParameter("acl", "", "acl", ""),
                new QueryParameter("e", "", "e", ""),
                new QueryParameter("%C3%BC", "%E2%82%AC", "ü", "€"),
                new QueryParameter("k%2Fx", "a%20b", "k/x", "a b")), params);
        assertEquals("2", QueryParameter.find(params, "b"));
        assertEquals("€", QueryParameter.find(params, "ü"));
        assertArrayEquals("€".getBytes(StandardCharsets.UTF_8), UriEncoding.decodeQueryComponent("%E2%82%AC"));
    }

    @Test
    void aRepeatedPresignedParameterCountsByItsFirstValue() throws AuthException {
        PresignedQuery q = PresignedQuery.parse(QueryParameter.parse("X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Credential=AKID%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z"
                + "&X-Amz-Expires=86400&X-Amz-Expires=1&X-Amz-SignedHeaders=host&X-Amz-Signature=abc"
                + "&X-Amz-Date=20990101T000000Z&X-Amz-Content-Sha256=&X-Amz-Content-Sha256=x"));
        assertEquals(86400, q.expiresSeconds());
        assertEquals("20130524T000000Z", q.date());
        assertEquals("AKID", q.parts().credential().accessKeyId());
        assertEquals("us-east-1", q.parts().credential().region());
        assertEquals("", q.contentSha256());
    }
}

package dev.coffer.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Canonical URI, query and headers: S3's rules, robust to differently encoding clients. */
class CanonicalRequestTest {

    @Test
    void pathIsNotNormalized() {
        assertEquals("/b/./../x//y", UriEncoding.canonicalPath("/b/./../x//y"));
    }

    @Test
    void pathIsDecodedAndReencodedOnceNotDoubleEncoded() {
        assertEquals("/b/a%20b%2Bc~d%3D", UriEncoding.canonicalPath("/b/a%20b+c%7ed="));
        assertEquals("/b/%25", UriEncoding.canonicalPath("/b/%25"));
        assertEquals("/b/%C3%BC", UriEncoding.canonicalPath("/b/ü"));
    }

    @Test
    void strayPercentIsTakenLiterally() {
        assertEquals("/b/100%25", UriEncoding.canonicalPath("/b/100%"));
        assertEquals("/b/%25zz", UriEncoding.canonicalPath("/b/%zz"));
    }

    @Test
    void emptyPathIsSlash() {
        assertEquals("/", UriEncoding.canonicalPath(""));
    }

    @Test
    void queryIsSortedReencodedAndPlusIsASpace() {
        SignedRequest r = Requests.request("GET", "/", "prefix=a+b&delimiter=%2F&acl&b=2&b=1&c=a%2Bb&d=a%20b",
                "host", "h");
        String canonical = CanonicalRequest.build(r, QueryParameter.parse(r.rawQuery()), false, List.of("host"), "X")
                .toString();
        assertEquals("GET\n/\nacl=&b=1&b=2&c=a%2Bb&d=a%20b&delimiter=%2F&prefix=a%20b\nhost:h\n\nhost\nX", canonical);
    }

    /** Routing reads the query through the same decoding: what is signed as a space is served as one. */
    @Test
    void queryComponentsDecodeAsTheSignatureReadsThem() {
        assertEquals("a b", new String(UriEncoding.decodeQueryComponent("a+b"), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("a+b", new String(UriEncoding.decodeQueryComponent("a%2Bb"), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("a b", new String(UriEncoding.decodeQueryComponent("a%20b"), java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void pathPlusStaysAPlus() {
        assertEquals("/b/a%2Bb%20c", UriEncoding.canonicalPath("/b/a+b%20c"));
    }

    @Test
    void presignedCanonicalQueryLeavesOutOnlyTheSignature() {
        SignedRequest r = Requests.request("GET", "/", "X-Amz-Signature=abc&z=1&X-Amz-Date=d", "host", "h");
        String canonical = CanonicalRequest.build(r, QueryParameter.parse(r.rawQuery()), true, List.of("host"), "X")
                .toString();
        assertEquals("GET\n/\nX-Amz-Date=d&z=1\nhost:h\n\nhost\nX", canonical);
    }

    @Test
    void headerValuesAreTrimmedCollapsedAndJoined() {
        SignedRequest r = Requests.request("GET", "/", "", "host", "h", "x-amz-meta-a", "  one   two  ",
                "x-amz-meta-a", "three");
        String canonical = CanonicalRequest.build(r, List.of(), false, List.of("host", "x-amz-meta-a"), "X")
                .toString();
        assertEquals("GET\n/\n\nhost:h\nx-amz-meta-a:one two,three\n\nhost;x-amz-meta-a\nX", canonical);
    }
}

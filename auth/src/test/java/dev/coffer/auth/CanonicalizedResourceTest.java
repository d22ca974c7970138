package dev.coffer.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CanonicalizedResourceTest {
    private static List<String> of(String bucket, String path, String query) {
        return CanonicalizedResource.candidates(bucket, path, QueryParameter.parse(query));
    }

    @Test
    void subResourcesAreSortedByNameAndOthersDropped() {
        assertEquals(List.of("/b/k?partNumber=2&uploadId=xyz"),
                of(null, "/b/k", "uploadId=xyz&max-parts=5&partNumber=2&x-id=UploadPart"));
    }

    @Test
    void responseOverrideValuesAreDecoded() {
        assertEquals(List.of("/b/k?response-content-type=text/plain; charset=utf-8&versionId=a+b"),
                of(null, "/b/k", "versionId=a%2Bb&response-content-type=text%2Fplain%3B%20charset%3Dutf-8"));
    }

    @Test
    void subResourceWithoutValueHasNoEqualsSign() {
        assertEquals(List.of("/b/?acl&versioning"), of("b", "/", "versioning=&acl"));
    }

    @Test
    void virtualHostedBucketIsPrefixedAndPathKeptAsSent() {
        assertEquals(List.of("/b/a%20b/c%2b.txt"), of("b", "/a%20b/c%2b.txt", ""));
        assertEquals(List.of("/b/"), of("b", "", ""));
    }

    @Test
    void pathStyleBucketAloneIsSignedWithAndWithoutTrailingSlash() {
        assertEquals(List.of("/b/?uploads", "/b?uploads"), of(null, "/b", "uploads"));
        assertEquals(List.of("/"), of(null, "/", ""));
        assertEquals(List.of("/b/"), of(null, "/b/", ""));
    }
}

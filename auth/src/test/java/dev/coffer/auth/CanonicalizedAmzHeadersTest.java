package dev.coffer.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CanonicalizedAmzHeadersTest {
    @Test
    void namesAreLowerCasedSortedAndRepeatedValuesJoined() {
        Map<String, List<String>> headers = new TreeMap<>();
        headers.put("X-Amz-Meta-B", List.of(" two ", "three"));
        headers.put("x-amz-acl", List.of("private"));
        headers.put("Content-Type", List.of("text/plain"));
        assertEquals("x-amz-acl:private\nx-amz-meta-b:two,three\n",
                CanonicalizedAmzHeaders.build(headers, null, null));
    }

    @Test
    void foldedValuesAreUnfoldedButInnerSpacesKept() {
        Map<String, List<String>> headers = Map.of("x-amz-meta-note", List.of("a  b\r\n\tc"));
        assertEquals("x-amz-meta-note:a  b c\n", CanonicalizedAmzHeaders.build(headers, null, null));
    }

    @Test
    void presignedQueryAmzParametersCountAsHeadersAndXAmzDateIsSkipped() {
        Map<String, List<String>> headers = Map.of("x-amz-date", List.of("Tue, 27 Mar 2007 21:20:26 +0000"));
        List<QueryParameter> query = QueryParameter.parse("x-amz-security-token=t%2B1&Expires=1&Signature=s");
        assertEquals("x-amz-security-token:t+1\n", CanonicalizedAmzHeaders.build(headers, query, "x-amz-date"));
    }
}

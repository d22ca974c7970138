package dev.coffer.auth;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Policy documents: their syntax, and the conditions each form field must meet. */
class PostPolicyTest {
    private static final Instant BEFORE = Instant.parse("2030-01-01T00:00:00Z");

    private static PostPolicy parse(String json) throws AuthException {
        return PostPolicy.parse(Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)));
    }

    private static String policy(String conditions) {
        return "{\"expiration\": \"2030-06-01T00:00:00.000Z\", \"conditions\": [" + conditions + "]}";
    }

    @Test
    void contentLengthRangeIsKeptForTheCaller() throws AuthException {
        PostPolicy p = parse(policy("[\"content-length-range\", 10, \"2048\"]"));
        assertEquals(new PostPolicy.LengthRange(10, 2048), p.contentLengthRange().orElseThrow());
    }

    @Test
    void invertedContentLengthRangeIsAnInvalidDocument() {
        assertEquals(AuthError.INVALID_POLICY_DOCUMENT,
                assertThrows(AuthException.class, () -> parse(policy("[\"content-length-range\", 10, 2]"))).error());
    }

    @Test
    void notJsonIsAnInvalidDocument() {
        AuthException e = assertThrows(AuthException.class, () -> PostPolicy.parse("bm90IGpzb24="));
        assertEquals(AuthError.INVALID_POLICY_DOCUMENT, e.error());
        assertEquals("Invalid Policy: Invalid JSON.", e.getMessage());
    }

    @Test
    void missingExpirationOrConditionsIsAnInvalidDocument() {
        assertEquals("Invalid Policy: Policy missing expiration.",
                assertThrows(AuthException.class, () -> parse("{\"conditions\": []}")).getMessage());
        assertEquals("Invalid Policy: Policy missing conditions.",
                assertThrows(AuthException.class, () -> parse("{\"expiration\": \"2030-01-01T00:00:00Z\"}")).getMessage());
    }

    @Test
    void unknownOperatorIsAnInvalidDocument() {
        assertThrows(AuthException.class, () -> parse(policy("[\"ends-with\", \"$key\", \"x\"]")));
    }

    @Test
    void fieldNamesMatchInAnyCaseValuesExactly() throws AuthException {
        PostPolicy p = parse(policy("[\"eq\", \"$Content-Type\", \"image/png\"], {\"key\": \"a\"}"));
        assertDoesNotThrow(() -> p.check(Map.of("content-type", "image/png", "key", "a"), "b", BEFORE));
        assertThrows(AuthException.class, () -> p.check(Map.of("content-type", "IMAGE/PNG", "key", "a"), "b", BEFORE));
    }

    @Test
    void startsWithEmptyAcceptsAnyValueAndAMissingField() throws AuthException {
        PostPolicy p = parse(policy("[\"starts-with\", \"$x-amz-meta-tag\", \"\"], [\"starts-with\", \"$key\", \"\"]"));
        assertDoesNotThrow(() -> p.check(Map.of("key", "anything", "x-amz-meta-tag", "t"), "b", BEFORE));
        assertDoesNotThrow(() -> p.check(Map.of("key", "anything"), "b", BEFORE));
    }

    @Test
    void eachListedContentTypeMustStartWithThePrefix() throws AuthException {
        PostPolicy p = parse(policy("[\"starts-with\", \"$Content-Type\", \"image/\"]"));
        assertDoesNotThrow(() -> p.check(Map.of("content-type", "image/png, image/gif"), "b", BEFORE));
        assertThrows(AuthException.class, () -> p.check(Map.of("content-type", "image/png, text/html"), "b", BEFORE));
    }

    @Test
    void deeplyNestedJsonIsRefused() {
        assertThrows(AuthException.class, () -> parse("[".repeat(100) + "]".repeat(100)));
    }
}

package dev.coffer.auth;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * Fuzzes the POST policy document: the JSON reader ({@link PolicyJson}), the policy's expiration,
 * conditions and content-length-range, and its check against a browser form's fields. An input is
 * the policy's JSON text as a client writes it (the test base64-encodes it as the form carries it;
 * an input starting with '!' is passed without encoding, to reach the base64 errors). Seeds: AWS's
 * POST examples and variants, in {@code PostPolicyFuzzTestInputs/policy}.
 *
 * <p>Accepted outcomes: a policy whose length range is sane and whose check passes, or an
 * AuthException with INVALID_POLICY_DOCUMENT (the document) or ACCESS_DENIED (the form breaks
 * it). Anything else fails.
 */
class PostPolicyFuzzTest {
    private static final Set<AuthError> REFUSALS = Set.of(AuthError.INVALID_POLICY_DOCUMENT, AuthError.ACCESS_DENIED);
    private static final Instant NOW = Instant.parse("2015-12-29T00:00:00Z");
    private static final Map<String, String> FORM = Map.of(
            "key", "user/user1/photo.jpg", "acl", "public-read",
            "success_action_redirect", "http://sigv4examplebucket.s3.amazonaws.com/successful_upload.html",
            "content-type", "image/jpeg", "x-amz-meta-uuid", "14365123651274",
            "x-amz-server-side-encryption", "AES256", "x-amz-credential", "AKIAIOSFODNN7EXAMPLE/20151229/us-east-1/s3/aws4_request",
            "x-amz-algorithm", "AWS4-HMAC-SHA256", "x-amz-date", "20151229T000000Z", "x-amz-meta-tag", "");

    @FuzzTest
    void policy(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        String field = text.startsWith("!") ? text.substring(1)
                : Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        try {
            PostPolicy policy = PostPolicy.parse(field);
            policy.contentLengthRange().ifPresent(r -> assertTrue(0 <= r.min() && r.min() <= r.max()));
            policy.check(FORM, "sigv4examplebucket", NOW);
        } catch (AuthException refused) {
            assertTrue(REFUSALS.contains(refused.error()), "unexpected refusal " + refused.error());
        }
    }
}

package dev.coffer.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Browser POST forms, with the two signed examples of the AWS documentation: "Example:
 * Browser-based upload using HTTP POST (using AWS Signature Version 4)" and the Signature Version 2
 * example of "Browser-Based Uploads Using POST".
 */
class PostPolicyVerifierTest {
    private static final String AKID = "AKIAIOSFODNN7EXAMPLE";
    private static final String V4_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String V2_SECRET = "uV3F3YluFJax1cknvbcGwgjvx4QpvB+leU8dUj2o";
    private static final String V4_POLICY = "eyAiZXhwaXJhdGlvbiI6ICIyMDE1LTEyLTMwVDEyOjAwOjAwLjAwMFoiLA0KICAiY29uZGl0aW9ucyI6IFsNCiAgICB7ImJ1Y2tldCI6ICJzaWd2NGV4YW1wbGVidWNrZXQifSwNCiAgICBbInN0YXJ0cy13aXRoIiwgIiRrZXkiLCAidXNlci91c2VyMS8iXSwNCiAgICB7ImFjbCI6ICJwdWJsaWMtcmVhZCJ9LA0KICAgIHsic3VjY2Vzc19hY3Rpb25fcmVkaXJlY3QiOiAiaHR0cDovL3NpZ3Y0ZXhhbXBsZWJ1Y2tldC5zMy5hbWF6b25hd3MuY29tL3N1Y2Nlc3NmdWxfdXBsb2FkLmh0bWwifSwNCiAgICBbInN0YXJ0cy13aXRoIiwgIiRDb250ZW50LVR5cGUiLCAiaW1hZ2UvIl0sDQogICAgeyJ4LWFtei1tZXRhLXV1aWQiOiAiMTQzNjUxMjM2NTEyNzQifSwNCiAgICB7IngtYW16LXNlcnZlci1zaWRlLWVuY3J5cHRpb24iOiAiQUVTMjU2In0sDQogICAgWyJzdGFydHMtd2l0aCIsICIkeC1hbXotbWV0YS10YWciLCAiIl0sDQoNCiAgICB7IngtYW16LWNyZWRlbnRpYWwiOiAiQUtJQUlPU0ZPRE5ON0VYQU1QTEUvMjAxNTEyMjkvdXMtZWFzdC0xL3MzL2F3czRfcmVxdWVzdCJ9LA0KICAgIHsieC1hbXotYWxnb3JpdGhtIjogIkFXUzQtSE1BQy1TSEEyNTYifSwNCiAgICB7IngtYW16LWRhdGUiOiAiMjAxNTEyMjlUMDAwMDAwWiIgfQ0KICBdDQp9";
    private static final String V4_SIGNATURE = "8afdbf4008c03f22c2cd3cdb72e4afbb1f6a588f3255ac628749a66d7f09699e";
    private static final String V2_POLICY = "eyAiZXhwaXJhdGlvbiI6ICIyMDA3LTEyLTAxVDEyOjAwOjAwLjAwMFoiLAogICJjb25kaXRpb25zIjogWwogICAgeyJidWNrZXQiOiAiam9obnNtaXRoIn0sCiAgICBbInN0YXJ0cy13aXRoIiwgIiRrZXkiLCAidXNlci9lcmljLyJdLAogICAgeyJhY2wiOiAicHVibGljLXJlYWQifSwKICAgIHsic3VjY2Vzc19hY3Rpb25fcmVkaXJlY3QiOiAiaHR0cDovL2pvaG5zbWl0aC5zMy5hbWF6b25hd3MuY29tL3N1Y2Nlc3NmdWxfdXBsb2FkLmh0bWwifSwKICAgIFsic3RhcnRzLXdpdGgiLCAiJENvbnRlbnQtVHlwZSIsICJpbWFnZS8iXSwKICAgIHsieC1hbXotbWV0YS11dWlkIjogIjE0MzY1MTIzNjUxMjc0In0sCiAgICBbInN0YXJ0cy13aXRoIiwgIiR4LWFtei1tZXRhLXRhZyIsICIiXQogIF0KfQo=";
    private static final String V2_SIGNATURE = "0RavWzkygo6QX9caELEqKi9kDbU=";

    private static PostPolicyVerifier verifier(String secret, String now) {
        return new PostPolicyVerifier(k -> k.equals(AKID) ? Optional.of(secret) : Optional.empty(),
                Clock.fixed(Instant.parse(now), ZoneOffset.UTC));
    }

    private static Map<String, String> v4Form() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("key", "user/user1/photo.jpg");
        f.put("acl", "public-read");
        f.put("success_action_redirect", "http://sigv4examplebucket.s3.amazonaws.com/successful_upload.html");
        f.put("content-type", "image/jpeg");
        f.put("x-amz-meta-uuid", "14365123651274");
        f.put("x-amz-server-side-encryption", "AES256");
        f.put("x-amz-credential", AKID + "/20151229/us-east-1/s3/aws4_request");
        f.put("x-amz-algorithm", "AWS4-HMAC-SHA256");
        f.put("x-amz-date", "20151229T000000Z");
        f.put("x-amz-meta-tag", "");
        f.put("policy", V4_POLICY);
        f.put("x-amz-signature", V4_SIGNATURE);
        return f;
    }

    private static Map<String, String> v2Form() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("key", "user/eric/MyPicture.jpg");
        f.put("acl", "public-read");
        f.put("success_action_redirect", "http://johnsmith.s3.amazonaws.com/successful_upload.html");
        f.put("content-type", "image/jpeg");
        f.put("x-amz-meta-uuid", "14365123651274");
        f.put("x-amz-meta-tag", "some,tag");
        f.put("awsaccesskeyid", AKID);
        f.put("policy", V2_POLICY);
        f.put("signature", V2_SIGNATURE);
        return f;
    }

    private static AuthException v4Failure(Map<String, String> form, String bucket, String now) {
        return assertThrows(AuthException.class, () -> verifier(V4_SECRET, now).verify(form, bucket));
    }

    @Test
    void awsV4ExampleFormIsAccepted() throws AuthException {
        PostPolicyVerifier.VerifiedPost post = verifier(V4_SECRET, "2015-12-29T10:00:00Z").verify(v4Form(), "sigv4examplebucket");
        assertEquals(new AuthResult(AKID, new PayloadMode.Unsigned()), post.auth());
        assertTrue(post.policy().contentLengthRange().isEmpty());
    }

    @Test
    void v2FormWhenSigV2IsOffIsInvalidRequest() {
        PostPolicyVerifier v4Only = new PostPolicyVerifier(k -> Optional.of(V2_SECRET),
                Clock.fixed(Instant.parse("2007-12-01T11:00:00Z"), ZoneOffset.UTC), false);
        AuthException e = assertThrows(AuthException.class, () -> v4Only.verify(v2Form(), "johnsmith"));
        assertEquals(AuthError.INVALID_REQUEST, e.error());
        assertEquals("The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.",
                e.getMessage());
    }

    @Test
    void awsV2ExampleFormIsAccepted() throws AuthException {
        PostPolicyVerifier.VerifiedPost post = verifier(V2_SECRET, "2007-12-01T11:00:00Z").verify(v2Form(), "johnsmith");
        assertEquals(AKID, post.auth().accessKeyId());
    }

    @Test
    void wrongSecretIsSignatureDoesNotMatch() {
        AuthException e = assertThrows(AuthException.class,
                () -> verifier(V2_SECRET, "2015-12-29T10:00:00Z").verify(v4Form(), "sigv4examplebucket"));
        assertEquals(AuthError.SIGNATURE_DOES_NOT_MATCH, e.error());
        Map<String, String> v2 = v2Form();
        v2.put("signature", "1RavWzkygo6QX9caELEqKi9kDbU=");
        assertEquals(AuthError.SIGNATURE_DOES_NOT_MATCH, assertThrows(AuthException.class,
                () -> verifier(V2_SECRET, "2007-12-01T11:00:00Z").verify(v2, "johnsmith")).error());
    }

    @Test
    void unknownAccessKeyIsInvalidAccessKeyId() {
        Map<String, String> form = v2Form();
        form.put("awsaccesskeyid", "AKIANOBODY");
        assertEquals(AuthError.INVALID_ACCESS_KEY_ID, assertThrows(AuthException.class,
                () -> verifier(V2_SECRET, "2007-12-01T11:00:00Z").verify(form, "johnsmith")).error());
    }

    @Test
    void expiredPolicyIsAccessDenied() {
        AuthException e = v4Failure(v4Form(), "sigv4examplebucket", "2015-12-30T12:00:00Z");
        assertEquals(AuthError.ACCESS_DENIED, e.error());
        assertEquals("Invalid according to Policy: Policy expired.", e.getMessage());
    }

    @Test
    void keyOutsideThePrefixFailsItsCondition() {
        Map<String, String> form = v4Form();
        form.put("key", "user/user2/photo.jpg");
        AuthException e = v4Failure(form, "sigv4examplebucket", "2015-12-29T10:00:00Z");
        assertEquals(AuthError.ACCESS_DENIED, e.error());
        assertEquals("Invalid according to Policy: Policy Condition failed: [\"starts-with\", \"$key\", \"user/user1/\"]",
                e.getMessage());
    }

    @Test
    void otherBucketFailsTheBucketCondition() {
        AuthException e = v4Failure(v4Form(), "otherbucket", "2015-12-29T10:00:00Z");
        assertEquals("Invalid according to Policy: Policy Condition failed: [\"eq\", \"$bucket\", \"sigv4examplebucket\"]",
                e.getMessage());
    }

    @Test
    void contentTypeOutsideThePrefixFailsItsCondition() {
        Map<String, String> form = v4Form();
        form.put("content-type", "text/html");
        assertEquals(AuthError.ACCESS_DENIED, v4Failure(form, "sigv4examplebucket", "2015-12-29T10:00:00Z").error());
    }

    @Test
    void fieldNoConditionCoversIsAnExtraInputField() {
        Map<String, String> form = v4Form();
        form.put("x-amz-meta-extra", "1");
        form.put("x-ignore-submit", "Upload");
        AuthException e = v4Failure(form, "sigv4examplebucket", "2015-12-29T10:00:00Z");
        assertEquals("Invalid according to Policy: Extra input fields: x-amz-meta-extra", e.getMessage());
    }

    @Test
    void missingSignatureFieldIsInvalidArgument() {
        Map<String, String> form = v4Form();
        form.remove("x-amz-signature");
        AuthException e = v4Failure(form, "sigv4examplebucket", "2015-12-29T10:00:00Z");
        assertEquals(AuthError.INVALID_ARGUMENT, e.error());
        assertTrue(e.getMessage().contains("'x-amz-signature'"), e.getMessage());
    }

    @Test
    void signatureWithoutPolicyIsInvalidArgument() {
        Map<String, String> form = v2Form();
        form.remove("policy");
        assertEquals(AuthError.INVALID_ARGUMENT, assertThrows(AuthException.class,
                () -> verifier(V2_SECRET, "2007-12-01T11:00:00Z").verify(form, "johnsmith")).error());
    }

    @Test
    void formWithoutPolicyOrSignatureIsAnonymous() throws AuthException {
        PostPolicyVerifier.VerifiedPost post = verifier(V2_SECRET, "2007-12-01T11:00:00Z")
                .verify(Map.of("key", "k", "acl", "public-read"), "b");
        assertNull(post.auth().accessKeyId());
        assertTrue(post.policy().contentLengthRange().isEmpty());
    }
}

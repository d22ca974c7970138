package dev.coffer.auth;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;

/**
 * Authenticates a browser POST upload by its form: the signature over the base64 policy — V4
 * ({@code x-amz-algorithm}, {@code x-amz-credential}, {@code x-amz-date}, {@code x-amz-signature}:
 * hex HMAC-SHA256 with the SigV4 signing key) or V2 ({@code AWSAccessKeyId}, {@code signature}:
 * base64 HMAC-SHA1 with the secret) — then the policy's expiration and conditions. Thread-safe.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-authentication-HTTPPOST.html">Authenticating
 *     requests in browser-based uploads using POST (AWS Signature Version 4)</a>
 */
public final class PostPolicyVerifier {
    static final String V4_ALGORITHM = "AWS4-HMAC-SHA256";

    private final CredentialsLookup credentials;
    private final Clock clock;
    private final SigningKeyCache signingKeys = new SigningKeyCache();
    private final boolean sigV2Enabled;

    /** V4 and V2 policy signatures. */
    public PostPolicyVerifier(CredentialsLookup credentials, Clock clock) {
        this(credentials, clock, true);
    }

    /** @param sigV2Enabled false: a V2-signed form gets InvalidRequest, as in an S3 region without SigV2 */
    public PostPolicyVerifier(CredentialsLookup credentials, Clock clock, boolean sigV2Enabled) {
        this.credentials = credentials;
        this.clock = clock;
        this.sigV2Enabled = sigV2Enabled;
    }

    /** A form whose signature and policy checked out. */
    public record VerifiedPost(AuthResult auth, PostPolicy policy) {}

    /**
     * @param fields the form fields before the file, by lower-case name, the key with
     *     {@code ${filename}} already replaced
     * @param bucket the bucket the form is posted to
     * @return the form's signer and policy; for a form with neither policy nor signature fields,
     *     an anonymous one ({@code accessKeyId} null, no conditions): S3 takes such a form as an
     *     anonymous request, allowed only where the bucket lets anyone write (POST Object, "policy")
     * @throws AuthException ACCESS_DENIED for a policy the form breaks,
     *     INVALID_ARGUMENT for a missing field, INVALID_POLICY_DOCUMENT, SIGNATURE_DOES_NOT_MATCH,
     *     INVALID_ACCESS_KEY_ID, INVALID_REQUEST for a V2 form when SigV2 is off
     */
    public VerifiedPost verify(Map<String, String> fields, String bucket) throws AuthException {
        String policy = fields.get("policy");
        boolean v4 = fields.containsKey("x-amz-algorithm");
        boolean v2 = fields.containsKey("awsaccesskeyid");
        if (policy == null && !v4 && !v2 && !fields.containsKey("signature") && !fields.containsKey("x-amz-signature")) {
            return new VerifiedPost(new AuthResult(null, new PayloadMode.Unsigned()), PostPolicy.none());
        }
        require(fields, "policy");
        if (!v4 && !sigV2Enabled) throw AuthMechanism.unsupported();
        String accessKeyId = v4 ? verifyV4(fields, policy) : verifyV2(fields, policy);
        PostPolicy parsed = PostPolicy.parse(policy);
        parsed.check(fields, bucket, clock.instant());
        return new VerifiedPost(new AuthResult(accessKeyId, new PayloadMode.Unsigned()), parsed);
    }

    private String verifyV4(Map<String, String> fields, String policy) throws AuthException {
        String algorithm = require(fields, "x-amz-algorithm");
        if (!algorithm.equals(V4_ALGORITHM)) {
            throw new AuthException(AuthError.INVALID_ARGUMENT, "Signature Version 4 requires the "
                    + "x-amz-algorithm field to be " + V4_ALGORITHM + ".");
        }
        CredentialScope scope = CredentialScope.parse(require(fields, "x-amz-credential"), AuthError.INVALID_ARGUMENT);
        String date = require(fields, "x-amz-date");
        if (AmzDate.parseBasic(date) == null || !date.startsWith(scope.date())) {
            throw new AuthException(AuthError.INVALID_ARGUMENT,
                    "The x-amz-date field must be an ISO 8601 basic timestamp of the credential's date.");
        }
        String claimed = require(fields, "x-amz-signature");
        String secret = SecretKeys.secretOf(credentials, scope.accessKeyId());
        SignatureVerifier.verify(signingKeys.signingKey(secret, scope.date(), scope.region(), scope.service()),
                policy, claimed);
        return scope.accessKeyId();
    }

    private String verifyV2(Map<String, String> fields, String policy) throws AuthException {
        String accessKeyId = require(fields, "awsaccesskeyid");
        String claimed = require(fields, "signature");
        byte[] secret = SecretKeys.secretOf(credentials, accessKeyId).getBytes(StandardCharsets.UTF_8);
        String expected = Base64.getEncoder().encodeToString(Crypto.hmacSha1OfWire(secret, WireText.ofUnicode(policy)));
        if (!SignatureVerifier.matches(expected, claimed)) throw SignatureVerifier.mismatch();
        return accessKeyId;
    }

    /** InvalidArgument worded as S3 words it when a form lacks a field it needs. */
    private static String require(Map<String, String> fields, String name) throws AuthException {
        String value = fields.get(name);
        if (value == null) {
            String shown = name.equals("awsaccesskeyid") ? "AWSAccessKeyId" : name;
            throw new AuthException(AuthError.INVALID_ARGUMENT, "Bucket POST must contain a field named '"
                    + shown + "'.  If it is specified, please check the order of the fields.");
        }
        return value;
    }
}

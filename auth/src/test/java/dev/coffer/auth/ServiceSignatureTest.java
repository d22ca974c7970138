package dev.coffer.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;

/** The IAM query API's requests: SigV4 with service "iam" and no x-amz-content-sha256, as the SDK signs them. */
class ServiceSignatureTest {
    private static final String BODY = "Action=ListUsers&Version=2010-05-08";
    private final RequestAuthenticator authenticator = new RequestAuthenticator(
            k -> k.equals(SdkSigning.AKID) ? Optional.of(SdkSigning.SECRET) : Optional.empty(),
            Clock.fixed(SdkSigning.NOW, ZoneOffset.UTC));

    private static SignedRequest iamRequest(String service) {
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).protocol("http").host("localhost")
                .port(9000).encodedPath("/").putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .build();
        return SdkSigning.toSigned(SdkSigning.sign(request, ContentStreamProvider.fromUtf8String(BODY), b -> b
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true)).request());
    }

    private static String sha256(String body) {
        return Hex.encode(Crypto.newSha256().digest(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anIamRequestSignedByTheSdkChecksOutWithTheBodysHash() throws AuthException {
        SignedRequest request = iamRequest("iam");
        assertEquals(SdkSigning.AKID, authenticator.authenticateService(request, "iam", sha256(BODY)).accessKeyId());
    }

    @Test
    void aChangedBodyDoesNotMatchTheSignature() {
        AuthException e = assertThrows(AuthException.class, () ->
                authenticator.authenticateService(iamRequest("iam"), "iam", sha256(BODY + "&UserName=x")));
        assertEquals(AuthError.SIGNATURE_DOES_NOT_MATCH, e.error());
    }

    @Test
    void aRequestScopedToS3IsNotAnIamRequestAndTheOtherWayRound() {
        AuthException e = assertThrows(AuthException.class, () ->
                authenticator.authenticateService(iamRequest("s3"), "iam", sha256(BODY)));
        assertEquals(AuthError.AUTHORIZATION_HEADER_MALFORMED, e.error());
        AuthException s3 = assertThrows(AuthException.class, () -> authenticator.authenticate(iamRequest("iam")));
        assertEquals(AuthError.AUTHORIZATION_HEADER_MALFORMED, s3.error());
    }
}

package dev.coffer.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;

/**
 * An x-amz-* header the signature does not cover is refused (issue 13): the holder of a presigned
 * PUT URL adding {@code x-amz-copy-source} would otherwise turn the upload into a CopyObject of any
 * object the signer can read. Before the check, each of these requests verified.
 */
class UnsignedHeadersTest {
    private final SigV4Authenticator authenticator = Requests.authenticator(SdkSigning.NOW, SdkSigning.AKID,
            SdkSigning.SECRET);

    private static SignedRequest presignedPut(boolean uploadPart) {
        var request = SdkSigning.base(SdkHttpMethod.PUT, "upload.bin");
        if (uploadPart) request.putRawQueryParameter("partNumber", "1").putRawQueryParameter("uploadId", "abc");
        return SdkSigning.toSigned(SdkSigning.sign(request.build(), null, b -> b
                .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, Duration.ofMinutes(10))
                .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)).request());
    }

    private AuthException refused(SignedRequest r) {
        return assertThrows(AuthException.class, () -> authenticator.authenticate(r));
    }

    @Test
    void presignedPutWithAnAddedCopySourceIsAccessDenied() throws AuthException {
        SignedRequest url = presignedPut(false);
        authenticator.authenticate(url);
        AuthException e = refused(Requests.withHeader(url, "x-amz-copy-source", "/other-bucket/secret"));
        assertEquals(AuthError.ACCESS_DENIED, e.error());
        assertEquals("There were headers present in the request which were not signed", e.getMessage());
        assertEquals(Map.of("HeadersNotSigned", "x-amz-copy-source"), e.details());
    }

    @Test
    void presignedUploadPartWithAnAddedCopySourceIsAccessDenied() throws AuthException {
        SignedRequest url = presignedPut(true);
        authenticator.authenticate(url);
        SignedRequest attack = Requests.withHeader(Requests.withHeader(url, "x-amz-copy-source", "/other/secret"),
                "x-amz-copy-source-range", "bytes=0-9");
        AuthException e = refused(attack);
        assertEquals(AuthError.ACCESS_DENIED, e.error());
        assertEquals("x-amz-copy-source, x-amz-copy-source-range", e.details().get("HeadersNotSigned"));
    }

    @Test
    void headerSignedPutWithAnAddedAmzHeaderIsAccessDenied() throws AuthException {
        SignedRequest signed = SdkSigning.toSigned(SdkSigning.sign(SdkSigning.base(SdkHttpMethod.PUT, "k").build(),
                null, b -> { }).request());
        authenticator.authenticate(signed);
        for (String name : List.of("x-amz-copy-source", "x-amz-meta-added", "x-amz-tagging", "X-AMZ-STORAGE-CLASS")) {
            AuthException e = refused(Requests.withHeader(signed, name.toLowerCase(java.util.Locale.ROOT), "v"));
            assertEquals(AuthError.ACCESS_DENIED, e.error(), name);
        }
    }

    @Test
    void anUnsignedContentSha256IsExemptAsInS3() throws AuthException {
        SignedRequest url = presignedPut(false);
        authenticator.authenticate(Requests.withHeader(url, "x-amz-content-sha256", "UNSIGNED-PAYLOAD"));
    }

    @Test
    void headersOutsideTheAmzPrefixMayBeUnsigned() throws AuthException {
        SignedRequest url = presignedPut(false);
        authenticator.authenticate(Requests.withHeader(Requests.withHeader(url, "content-type", "text/plain"),
                "x-amzn-trace-id", "Root=1"));
    }

    /** SigV2 signs every x-amz-* header present, so an added one breaks the signature. */
    @Test
    void sigV2RequestsWithAnAddedAmzHeaderDoNotMatch() {
        Instant now = Instant.ofEpochSecond(1175139620);
        SignedRequest presigned = Requests.request("GET", "/photos/puppy.jpg",
                "AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Signature=NpgCjnDzrM%2BWFzoENXmpNDUsSn8%3D&Expires=1175139620",
                "Host", "johnsmith.s3.amazonaws.com", "x-amz-copy-source", "/other-bucket/secret");
        AuthException e = assertThrows(AuthException.class,
                () -> Requests.sigV2(now).authenticate(presigned, "johnsmith"));
        assertEquals(AuthError.SIGNATURE_DOES_NOT_MATCH, e.error());
        SignedRequest header = Requests.request("GET", "/photos/puppy.jpg", "", "Host", "johnsmith.s3.amazonaws.com",
                "Date", "Tue, 27 Mar 2007 19:36:42 +0000", "Authorization",
                "AWS AKIAIOSFODNN7EXAMPLE:bWq2s1WEIj+Ydj0vQ697zp+IXMU=", "x-amz-copy-source", "/other-bucket/secret");
        e = assertThrows(AuthException.class, () -> Requests.sigV2(Instant.parse("2007-03-27T19:36:42Z"))
                .authenticate(header, "johnsmith"));
        assertEquals(AuthError.SIGNATURE_DOES_NOT_MATCH, e.error());
    }
}
